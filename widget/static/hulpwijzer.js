/*!
 * Hulpwijzer chat widget: a small, dependency-free chat for a municipal website that talks
 * to Rasa's socket.io channel. Embed with one tag:
 *
 *   <script src="https://HOST/widget/hulpwijzer.js" data-server="https://RASA-HOST"
 *           data-gemeente="almere" data-retention-days="365" defer></script>
 *
 * data-server          the Rasa server with the socket.io channel (default: this script's origin)
 * data-gemeente        the municipality id the conversation is for (knowledge_base/content/<id>.yml)
 * data-retention-days  how long the municipality keeps conversations (HULPWIJZER_RETENTION_DAYS)
 * data-privacy-url     the municipality's privacy statement (optional)
 * data-socket-path     socket.io path on the server (default /socket.io)
 *
 * The stylesheet hulpwijzer.css next to this script is loaded by the script. Nothing is
 * loaded from anywhere else, nothing is injected as inline script or style, so the page can
 * keep a strict Content-Security-Policy (script-src/style-src: this host; connect-src: the
 * Rasa server). The conversation (session id and the messages shown) is kept in
 * sessionStorage: it survives a reload and is gone when the tab is closed.
 *
 * Protocol: Socket.IO v5 over Engine.IO v4, websocket transport only (python-socketio 5).
 */
(function () {
  "use strict";

  var script = document.currentScript;
  if (!script || window.__hulpwijzer) return;
  window.__hulpwijzer = true;

  var data = script.dataset;
  var config = {
    server: (data.server || new URL(script.src, location.href).origin).replace(/\/+$/, ""),
    gemeente: (data.gemeente || "").toLowerCase(),
    retentionDays: parseInt(data.retentionDays || "", 10),
    privacyUrl: data.privacyUrl || "",
    socketPath: data.socketPath || "/socket.io",
    stylesheet: new URL("hulpwijzer.css", script.src).href,
  };
  var STORAGE_KEY = "hulpwijzer:" + (config.gemeente || "algemeen");
  var REPLY_WAIT_MS = 45000;

  // -- texts (Dutch, B1) --------------------------------------------------------------
  var T = {
    launcher: "Stel uw vraag",
    title: "Hulpwijzer",
    subtitle: "Vraag waar u hulp kunt krijgen",
    close: "Chat sluiten",
    clear: "Gesprek wissen",
    clearDone: "Het gesprek is gewist in deze browser.",
    label: "Uw bericht",
    send: "Verstuur",
    you: "U:",
    bot: "Hulpwijzer:",
    greeting: "Hallo! Waar kan ik u mee helpen? Typ uw vraag in uw eigen woorden.",
    connecting: "Verbinding maken…",
    offline: "Geen verbinding. Uw bericht wordt verstuurd zodra er weer verbinding is.",
    waiting: "Hulpwijzer schrijft een antwoord…",
    slow: "Het antwoord blijft uit. Uw bericht is bewaard; probeer het later nog eens.",
    empty: "Typ eerst uw vraag.",
    privacy: function (days) {
      var kept = days > 0
        ? "De gemeente bewaart het gesprek " + days + " dagen. Daarna wordt het gewist."
        : "De gemeente bewaart het gesprek om u te helpen.";
      return kept + " Deze browser onthoudt het gesprek tot u dit tabblad sluit. " +
        "Deel geen BSN of medische gegevens in de chat.";
    },
    privacyLink: "Lees de privacyverklaring",
  };

  // -- state in sessionStorage ----------------------------------------------------------
  function randomId() {
    var bytes = new Uint8Array(16);
    window.crypto.getRandomValues(bytes);
    return Array.prototype.map.call(bytes, function (b) { return ("0" + b.toString(16)).slice(-2); }).join("");
  }

  // messages to send are {id, text}; anything else in the storage is left out
  function outgoing(list) {
    return (Array.isArray(list) ? list : []).filter(function (entry) {
      return entry && typeof entry.id === "string" && typeof entry.text === "string";
    });
  }

  function freshState(open) {
    return { sessionId: randomId(), messages: [], pending: [], inflight: [], open: open };
  }

  // a message sent but not yet answered is sent again, with its id: the server answers an
  // id once and sends a repeat the same answer
  function requeue(s) {
    s.pending = s.inflight.concat(s.pending);
    s.inflight = [];
  }

  function load() {
    try {
      var saved = JSON.parse(window.sessionStorage.getItem(STORAGE_KEY) || "null");
      if (saved && typeof saved.sessionId === "string" && Array.isArray(saved.messages)) {
        saved.pending = outgoing(saved.pending);
        saved.inflight = outgoing(saved.inflight);
        requeue(saved);  // the page went away before the answer
        return saved;
      }
    } catch (e) { /* storage unavailable or damaged: start afresh */ }
    return freshState(false);
  }

  var state = load();

  function save() {
    try { window.sessionStorage.setItem(STORAGE_KEY, JSON.stringify(state)); } catch (e) { /* private mode */ }
  }

  // -- Socket.IO over a websocket -------------------------------------------------------
  function Connection(handlers) {
    this.handlers = handlers;
    this.ws = null;
    this.ready = false;       // socket.io namespace connected
    this.attempt = 0;
    this.timer = null;
    this.watchdog = null;
    this.pingLimit = 45000;
  }

  Connection.prototype.url = function () {
    var base = new URL(config.socketPath.replace(/\/?$/, "/"), config.server);
    base.protocol = base.protocol === "https:" ? "wss:" : "ws:";
    base.search = "EIO=4&transport=websocket";
    return base.href;
  };

  Connection.prototype.open = function () {
    var self = this;
    if (self.ws) return;
    clearTimeout(self.timer);
    var ws;
    try { ws = new WebSocket(self.url()); } catch (e) { self.retry(); return; }
    self.ws = ws;
    self.alive();  // a server that accepts but never opens the session is given up on too
    ws.onmessage = function (event) { if (self.ws === ws) self.receive(String(event.data)); };
    ws.onclose = function () { if (self.ws === ws) self.drop(); };
    ws.onerror = function () { /* onclose follows */ };
  };

  // Give up on the current socket, closed or silent (a dead link may take a minute to
  // close), and reconnect; nothing from the old socket is handled any more.
  Connection.prototype.drop = function () {
    var ws = this.ws;
    if (!ws) return;
    this.ws = null;
    this.ready = false;
    clearTimeout(this.watchdog);
    ws.onclose = ws.onmessage = null;
    try { ws.close(); } catch (e) { /* already closing */ }
    this.handlers.offline();
    this.retry();
  };

  Connection.prototype.reset = function () {
    this.drop();
    this.attempt = 0;
    this.open();
  };

  Connection.prototype.retry = function () {
    var self = this;
    var delay = Math.min(30000, 1000 * Math.pow(2, self.attempt++)) * (0.75 + Math.random() / 2);
    clearTimeout(self.timer);
    self.timer = setTimeout(function () { self.open(); }, delay);
  };

  Connection.prototype.alive = function () {
    var self = this;
    clearTimeout(self.watchdog);
    self.watchdog = setTimeout(function () { self.drop(); }, self.pingLimit);
  };

  Connection.prototype.receive = function (packet) {
    var type = packet.charAt(0);
    if (type === "0") {            // Engine.IO open: connect to the default namespace
      try {
        var open = JSON.parse(packet.slice(1));
        this.pingLimit = (open.pingInterval || 25000) + (open.pingTimeout || 20000);
      } catch (e) { /* keep the default */ }
      this.alive();
      this.ws.send("40");
    } else if (type === "2") {     // ping
      this.alive();
      this.ws.send("3");
    } else if (type === "1") {     // Engine.IO close
      this.drop();
    } else if (type === "4") {
      this.message(packet.slice(1));
    }
  };

  Connection.prototype.message = function (packet) {
    var type = packet.charAt(0);
    if (type === "0") {
      this.ready = true;
      this.attempt = 0;
      this.handlers.connected();
    } else if (type === "2") {
      var event;
      try { event = JSON.parse(packet.slice(packet.indexOf("["))); } catch (e) { return; }
      if (Array.isArray(event)) this.handlers.event(event[0], event[1]);
    } else if (type === "1" || type === "4") {  // disconnected or refused by the server
      this.drop();
    }
  };

  Connection.prototype.emit = function (name, payload) {
    if (!this.ws || !this.ready || this.ws.readyState !== WebSocket.OPEN) return false;
    this.ws.send("42" + JSON.stringify([name, payload]));
    return true;
  };

  // -- DOM helpers ----------------------------------------------------------------------
  function el(tag, attrs, children) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (name) {
      if (name === "text") node.textContent = attrs[name];
      else if (name === "className") node.className = attrs[name];
      else if (attrs[name] === true) node.setAttribute(name, "");
      else if (attrs[name] !== false && attrs[name] != null) node.setAttribute(name, attrs[name]);
    });
    (children || []).forEach(function (child) { if (child) node.appendChild(child); });
    return node;
  }

  // Web addresses and phone numbers in a bot message become links; everything is text nodes.
  var LINKS = /(https?:\/\/[^\s<>"]+[^\s<>".,;:!?)]|\b(?:0800|0900)-?\d{4}(?:\d{3})?\b|\b14 ?0\d{2,3}\b|\b0\d{2}-\d{7}\b|\b0\d{3}-\d{6}\b|\b06-?\d{8}\b|\b11[23]\b)/g;

  function linkified(text) {
    var fragment = document.createDocumentFragment();
    var last = 0;
    text.replace(LINKS, function (match, _group, offset) {
      fragment.appendChild(document.createTextNode(text.slice(last, offset)));
      var href = /^https?:/.test(match) ? match : "tel:" + match.replace(/[\s-]/g, "");
      fragment.appendChild(el("a", { href: href, text: match, rel: "noopener noreferrer" }));
      last = offset + match.length;
      return match;
    });
    fragment.appendChild(document.createTextNode(text.slice(last)));
    return fragment;
  }

  // -- the widget -----------------------------------------------------------------------
  var ids = { panel: "hulpwijzer-panel", title: "hulpwijzer-title", input: "hulpwijzer-input", privacy: "hulpwijzer-privacy" };
  var root = el("div", { className: "hulpwijzer", lang: "nl" });
  var launcher = el("button", { type: "button", className: "hulpwijzer__launcher", "aria-expanded": "false", "aria-controls": ids.panel }, [
    el("span", { className: "hulpwijzer__launcher-icon", "aria-hidden": "true", text: "?" }),
    el("span", { text: T.launcher }),
  ]);
  var closeButton = el("button", { type: "button", className: "hulpwijzer__icon-button", "aria-label": T.close }, [
    el("span", { "aria-hidden": "true", text: "×" }),
  ]);
  var clearButton = el("button", { type: "button", className: "hulpwijzer__text-button", text: T.clear });
  // the messages are a list inside a polite live region: new ones are read out
  var log = el("ol", { className: "hulpwijzer__log" });
  var logRegion = el("div", { role: "log", "aria-live": "polite", "aria-labelledby": ids.title }, [log]);
  var status = el("p", { className: "hulpwijzer__status", role: "status" });
  var input = el("textarea", { id: ids.input, className: "hulpwijzer__input", rows: "2", autocomplete: "off", "aria-describedby": ids.privacy });
  var sendButton = el("button", { type: "submit", className: "hulpwijzer__send", text: T.send });
  var form = el("form", { className: "hulpwijzer__form", novalidate: true }, [
    el("label", { for: ids.input, className: "hulpwijzer__label", text: T.label }),
    el("div", { className: "hulpwijzer__row" }, [input, sendButton]),
  ]);
  var privacy = el("p", { id: ids.privacy, className: "hulpwijzer__privacy", text: T.privacy(config.retentionDays) });
  if (config.privacyUrl) {
    privacy.appendChild(document.createTextNode(" "));
    privacy.appendChild(el("a", { href: config.privacyUrl, text: T.privacyLink }));
  }
  // focusable, so the conversation can be scrolled with the keyboard in every browser
  var body = el("div", { className: "hulpwijzer__body", tabindex: "0", role: "region", "aria-label": "Gesprek" }, [privacy, logRegion]);
  var panel = el("section", { id: ids.panel, className: "hulpwijzer__panel", "aria-labelledby": ids.title, hidden: true }, [
    el("header", { className: "hulpwijzer__header" }, [
      el("div", {}, [
        el("h2", { id: ids.title, className: "hulpwijzer__title", text: T.title }),
        el("p", { className: "hulpwijzer__subtitle", text: T.subtitle }),
      ]),
      closeButton,
    ]),
    body,
    status,
    form,
    el("div", { className: "hulpwijzer__footer" }, [clearButton]),
  ]);
  root.appendChild(launcher);
  root.appendChild(panel);

  var waitTimer = null;

  function setStatus(text) { status.textContent = text || ""; }

  function renderMessage(message, withButtons) {
    var who = message.from === "user" ? "user" : "bot";
    var bubble = el("div", { className: "hulpwijzer__bubble" });
    if (who === "bot") bubble.appendChild(linkified(message.text || ""));
    else bubble.textContent = message.text || "";
    var item = el("li", { className: "hulpwijzer__message hulpwijzer__message--" + who }, [
      el("span", { className: "hulpwijzer__visually-hidden", text: who === "user" ? T.you : T.bot }),
      bubble,
    ]);
    if (withButtons && message.buttons && message.buttons.length) {
      var group = el("div", { className: "hulpwijzer__buttons", role: "group", "aria-label": "Antwoordknoppen" });
      message.buttons.forEach(function (button) {
        var node = el("button", { type: "button", className: "hulpwijzer__choice", text: button.title });
        node.addEventListener("click", function () { send(button.payload, button.title); });
        group.appendChild(node);
      });
      item.appendChild(group);
    }
    return item;
  }

  // Buttons belong to the latest answer only: once the resident has replied they go.
  function render() {
    log.textContent = "";
    var lastUser = -1;
    state.messages.forEach(function (m, i) { if (m.from === "user") lastUser = i; });
    if (!state.messages.length) log.appendChild(renderMessage({ from: "bot", text: T.greeting }, false));
    state.messages.forEach(function (m, i) { log.appendChild(renderMessage(m, i > lastUser)); });
    scrollDown();
  }

  function append(message) {
    state.messages.push(message);
    save();
    if (message.from === "user") {
      Array.prototype.forEach.call(log.querySelectorAll(".hulpwijzer__buttons"), function (group) { group.remove(); });
    }
    if (state.messages.length === 1) log.textContent = "";
    log.appendChild(renderMessage(message, message.from === "bot"));
    scrollDown();
  }

  function scrollDown() {
    // the message list scrolls; at very small heights (zoomed in) the whole panel does
    body.scrollTop = body.scrollHeight;
    if (window.getComputedStyle(panel).overflowY === "auto") panel.scrollTop = panel.scrollHeight;
  }

  // The panel, or the launcher that stands in for it while it is closed.
  function show(open) {
    panel.hidden = !open;
    launcher.hidden = open;
    launcher.setAttribute("aria-expanded", String(open));
    root.classList.toggle("hulpwijzer--open", open);
    if (open) scrollDown();
  }

  function setOpen(open) {
    state.open = open;
    save();
    show(open);
    if (open) {
      connection.open();
      input.focus();
    } else {
      launcher.focus();
    }
  }

  // connected while the chat is open or a message still has to go out
  function connectionWanted() { return state.open || state.pending.length > 0; }

  // -- talking to the server ------------------------------------------------------------
  var confirmed = false;

  function flush() {
    if (!confirmed) return;
    while (state.pending.length) {
      var next = state.pending[0];
      var payload = { message: next.text, message_id: next.id, session_id: state.sessionId };
      if (config.gemeente) payload.metadata = { gemeente: config.gemeente };
      if (!connection.emit("user_uttered", payload)) return;
      state.inflight.push(state.pending.shift());  // until an answer comes
      save();
      waitForReply();
    }
  }

  function waitForReply() {
    setStatus(T.waiting);
    clearTimeout(waitTimer);
    waitTimer = setTimeout(function () { setStatus(T.slow); }, REPLY_WAIT_MS);
  }

  function send(payload, shown) {
    append({ from: "user", text: shown });
    state.pending.push({ id: randomId(), text: payload });
    save();
    if (confirmed) flush();
    else {
      setStatus(connection.ws ? T.connecting : T.offline);
      connection.open();  // do not wait for the backoff timer
    }
    input.focus();
  }

  var connection = new Connection({
    connected: function () {
      if (status.textContent === T.connecting || status.textContent === T.offline) setStatus("");
      connection.emit("session_request", { session_id: state.sessionId });
    },
    offline: function () {
      confirmed = false;
      if (state.inflight.length) {  // sent but not answered: send again on reconnect
        requeue(state);
        save();
      }
      if (state.pending.length) setStatus(T.offline);
    },
    event: function (name, body) {
      if (name === "session_confirm") {
        confirmed = true;
        flush();
      } else if (name === "bot_uttered" && body && typeof body === "object") {
        if (typeof body.text !== "string" && !Array.isArray(body.quick_replies)) return;
        clearTimeout(waitTimer);
        setStatus("");
        if (state.inflight.length) { state.inflight = []; save(); }
        var buttons = (body.quick_replies || body.buttons || []).filter(function (b) {
          return b && typeof b.title === "string";
        }).map(function (b) { return { title: b.title, payload: String(b.payload || b.title) }; });
        append({ from: "bot", text: body.text || "", buttons: buttons });
      }
    },
  });

  // -- events ---------------------------------------------------------------------------
  launcher.addEventListener("click", function () { setOpen(true); });
  closeButton.addEventListener("click", function () { setOpen(false); });
  panel.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { event.preventDefault(); setOpen(false); }
  });
  form.addEventListener("submit", function (event) {
    event.preventDefault();
    var text = input.value.trim();
    if (!text) { setStatus(T.empty); input.focus(); return; }
    input.value = "";
    send(text, text);
  });
  input.addEventListener("keydown", function (event) {
    // Enter sends, Shift+Enter starts a new line
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      if (typeof form.requestSubmit === "function") form.requestSubmit();
      else form.dispatchEvent(new Event("submit", { cancelable: true }));
    }
  });
  clearButton.addEventListener("click", function () {
    state = freshState(true);
    save();
    clearTimeout(waitTimer);
    render();
    confirmed = false;
    connection.reset();  // a new connection for the new session id; the old one is ignored
    setStatus(T.clearDone);
    input.focus();
  });

  function start() {
    document.head.appendChild(el("link", { rel: "stylesheet", href: config.stylesheet }));
    render();  // before the live log is in the page: a reload does not read out the history
    document.body.appendChild(root);
    if (state.open) show(true);
    if (connectionWanted()) connection.open();
    if (state.pending.length) setStatus(T.connecting);
    window.addEventListener("online", function () { if (connectionWanted()) connection.open(); });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", start);
  else start();
})();
