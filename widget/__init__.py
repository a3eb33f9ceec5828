"""The website chat widget (``static/hulpwijzer.js`` and ``hulpwijzer.css``) and a small
aiohttp site that serves it with a demo page per municipality (``python -m widget serve``)."""
