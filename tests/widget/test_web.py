"""The widget's demo site in an aiohttp test client: pages, assets and their policy."""

import pytest

from widget.web import STATIC, Settings, make_app


@pytest.fixture
async def client(aiohttp_client):
    return await aiohttp_client(make_app(Settings("http://127.0.0.1:5005/", retention_days=180)))


async def test_the_index_links_a_demo_page_per_municipality(client):
    html = await (await client.get("/")).text()
    for gemeente in ("almelo", "almere", "hengelo"):
        assert f'href="/{gemeente}"' in html


async def test_a_demo_page_embeds_the_widget_with_one_tag_for_its_municipality(client):
    response = await client.get("/almere")
    html = await response.text()
    assert '<html lang="nl">' in html
    assert (
        '<script src="/widget/hulpwijzer.js" data-server="http://127.0.0.1:5005" data-gemeente="almere"\n'
        '        data-retention-days="180" defer></script>'
    ) in html
    assert "14 036" in html  # the municipality's own number, from its content file


async def test_pages_allow_scripts_and_styles_from_this_site_only_and_connections_to_rasa(client):
    policy = (await client.get("/hengelo")).headers["Content-Security-Policy"]
    assert "default-src 'none'" in policy and "script-src 'self'" in policy and "style-src 'self'" in policy
    assert "connect-src http://127.0.0.1:5005 ws://127.0.0.1:5005" in policy
    assert "unsafe" not in policy


def test_a_https_rasa_server_is_reached_over_wss():
    assert (
        "connect-src https://chat.example.nl wss://chat.example.nl;"
        in Settings("https://chat.example.nl", 365).content_security_policy()
    )


def test_a_server_that_is_not_an_http_url_is_refused():
    with pytest.raises(ValueError):
        Settings("127.0.0.1:5005", 365)


async def test_an_unknown_municipality_is_a_clear_404(client):
    response = await client.get("/tilburg")
    assert response.status == 404
    assert "staat niet in de kennisbank" in await response.text()


async def test_the_widget_files_are_served_and_nothing_else_from_the_folder(client):
    script = await client.get("/widget/hulpwijzer.js")
    assert script.status == 200 and "javascript" in script.headers["Content-Type"]
    assert (await script.text()) == (STATIC / "hulpwijzer.js").read_text(encoding="utf-8")
    assert (await client.get("/widget/hulpwijzer.css")).headers["Content-Type"].startswith("text/css")
    for path in ("/widget/web.py", "/widget/..%2Fweb.py", "/widget/%2e%2e%2f__init__.py"):
        assert (await client.get(path)).status == 404


def test_the_widget_loads_nothing_from_another_host():
    script = (STATIC / "hulpwijzer.js").read_text(encoding="utf-8")
    style = (STATIC / "hulpwijzer.css").read_text(encoding="utf-8")
    assert "@import" not in style and "url(" not in style
    # no inline script or style the page's policy would have to allow
    assert "innerHTML" not in script and "eval(" not in script and 'setAttribute("style"' not in script
