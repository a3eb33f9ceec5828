from core.topics import button_title, topic_list


def test_topic_list_reads_as_a_dutch_enumeration():
    assert topic_list(["schulden"]) == "geldzorgen"
    assert topic_list(["mantelzorg", "werk"]) == "mantelzorg en werk"
    assert topic_list(["mantelzorg", "schulden", "werk"]) == "mantelzorg, geldzorgen en werk"


def test_button_titles_stay_short_enough_for_chat_buttons():
    assert button_title("ask_schulden") == "Geldzorgen of schulden"
    assert len(button_title("ask_jeugd")) <= 24
    assert button_title("ask_schulden+ask_werk") == "Geldzorgen of schulden + werk of uitkering"
