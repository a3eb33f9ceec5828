"""A short reply for residents who write in English, Turkish, Arabic or Polish.

Crisis detection in these languages rests on fewer rules than in Dutch, so every reply
also carries the three national crisis numbers."""

from __future__ import annotations

from bot.triage import language as lang
from knowledge_base.gemeenten import Gemeente

_REPLIES = {
    lang.ENGLISH: (
        "Hulpwijzer only works in Dutch. Please call the municipality of {naam}: {telefoon}. "
        "You can ask someone who speaks Dutch to call with you. In danger? Call 112. Thoughts of suicide: call 113. Not safe at home: call Veilig Thuis, 0800-2000."
    ),
    lang.TURKISH: (
        "Hulpwijzer sadece Hollandaca çalışır. Lütfen {naam} belediyesini arayın: {telefoon}. "
        "Hollandaca konuşan birinden sizinle birlikte aramasını isteyebilirsiniz. Tehlikedeyseniz 112'yi arayın. İntihar düşünceleri: 113'ü arayın. Evde güvende değilseniz: Veilig Thuis, 0800-2000."
    ),
    lang.POLISH: (
        "Hulpwijzer działa tylko po niderlandzku. Zadzwoń do gminy {naam}: {telefoon}. "
        "Możesz poprosić o pomoc kogoś, kto mówi po niderlandzku. W niebezpieczeństwie? Zadzwoń pod 112. Myśli samobójcze: zadzwoń pod 113. Jeśli nie czujesz się bezpiecznie w domu: Veilig Thuis, 0800-2000."
    ),
    lang.ARABIC: (
        "يعمل Hulpwijzer باللغة الهولندية فقط. يرجى الاتصال ببلدية {naam} على الرقم {telefoon}. "
        "يمكنك أن تطلب المساعدة من شخص يتكلم الهولندية. في خطر؟ اتصل بالرقم 112. أفكار انتحارية: اتصل بالرقم 113. إذا لم تكن في أمان في البيت: Veilig Thuis على الرقم 0800-2000."
    ),
}


def other_language_reply(language: str, gemeente: Gemeente) -> str:
    """The reply in ``language``; English when the language has no reply of its own."""
    template = _REPLIES.get(language, _REPLIES[lang.ENGLISH])
    return template.format(naam=gemeente.naam, telefoon=gemeente.telefoon)
