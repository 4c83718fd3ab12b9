// Vane console: live updates over Server-Sent Events, the node panel, log tails, theme and
// zoom. Pages work without it (every control is a link or a form); this only makes them live.
(function () {
  "use strict";
  var root = document.documentElement;
  var stored = null;
  try { stored = localStorage.getItem("vane-theme"); } catch (e) { /* storage may be off */ }
  if (stored) root.setAttribute("data-theme", stored);

  // Node updates as they reached the screen, for measuring event → screen latency.
  window.__vaneUpdates = [];
  function recordUpdate(id, cls) {
    var list = window.__vaneUpdates;
    list.push({ id: id, cls: cls, t: Date.now() });
    if (list.length > 20000) list.splice(0, list.length - 20000);
  }

  function debounce(fn, ms) {
    var timer = null;
    return function () {
      if (timer) clearTimeout(timer);
      timer = setTimeout(function () { timer = null; fn(); }, ms);
    };
  }

  function withParam(url, name, value) {
    return url + (url.indexOf("?") >= 0 ? "&" : "?") + name + "=" + encodeURIComponent(value);
  }

  function fetchHTML(url) {
    return fetch(url, { credentials: "same-origin", headers: { "Accept": "text/html" } }).then(function (r) {
      if (!r.ok) throw new Error("HTTP " + r.status);
      return r.text();
    });
  }

  function setPhaseClass(el, cls) {
    var classes = el.getAttribute("class") || "";
    var next = classes.split(/\s+/).filter(function (c) { return c && c.indexOf("phase-") !== 0; });
    next.push(cls);
    el.setAttribute("class", next.join(" "));
  }

  function ready() {
    var toggle = document.querySelector("[data-theme-toggle]");
    if (toggle) toggle.addEventListener("click", function () {
      var dark = root.getAttribute("data-theme") === "dark" ||
        (!root.getAttribute("data-theme") && window.matchMedia("(prefers-color-scheme: dark)").matches);
      var theme = dark ? "light" : "dark";
      root.setAttribute("data-theme", theme);
      try { localStorage.setItem("vane-theme", theme); } catch (e) { /* ignore */ }
    });
    document.querySelectorAll("form[data-autosubmit] select").forEach(function (select) {
      select.addEventListener("change", function () { select.form.submit(); });
    });
    document.addEventListener("submit", function (event) {
      var form = event.target;
      var question = form.getAttribute("data-confirm");
      if (question && !window.confirm(question)) event.preventDefault();
    });
    followExecutionList();
    followExecution();
    wireGraphTools();
  }

  // The executions list: reload the rows whenever an execution of this scope changes.
  function followExecutionList() {
    var list = document.getElementById("execution-list");
    if (!list || !window.EventSource) return;
    var reload = debounce(function () {
      fetchHTML(list.getAttribute("data-fragment")).then(function (html) { list.innerHTML = html; }).catch(function () {});
    }, 300);
    var source = new EventSource(list.getAttribute("data-live"));
    source.addEventListener("changed", reload);
  }

  // An execution page: recolour boxes at once, reload the visible tab and the panel shortly after.
  function followExecution() {
    var head = document.getElementById("exec-head");
    var body = document.getElementById("tab-body");
    var panel = document.getElementById("node-panel");
    if (!head || !body) return;
    wirePanel(body, panel);
    if (panel && !panel.hidden) followLogs(panel);
    if (!window.EventSource) return;
    var tab = body.getAttribute("data-tab");
    var reloadTab = debounce(function () {
      fetchHTML(body.getAttribute("data-fragment")).then(function (html) {
        body.innerHTML = html;
        wireGraphTools();
      }).catch(function () {});
    }, 500);
    var reloadPanel = debounce(function () { refreshPanel(panel); }, 400);
    var source = new EventSource(head.getAttribute("data-live"));
    source.addEventListener("update", function (event) {
      var update = JSON.parse(event.data);
      var badge = head.querySelector("[data-exec-phase]");
      if (badge) { badge.textContent = update.phase; setPhaseClass(badge, update.phaseClass); }
      var duration = head.querySelector('[data-fact="Duration"]');
      if (duration) duration.textContent = update.duration;
      var changed = Object.keys(update.nodes);
      changed.forEach(function (id) {
        var value = update.nodes[id];
        document.querySelectorAll('g.node[data-node="' + CSS.escape(id) + '"]').forEach(function (g) {
          setPhaseClass(g, value[0]);
          var detail = g.querySelector("text.detail");
          if (detail && value[1]) detail.textContent = value[1];
          recordUpdate(id, value[0]);
        });
      });
      var critical = {};
      update.critical.forEach(function (id) { critical[id] = true; });
      document.querySelectorAll("svg.graph g.node").forEach(function (g) {
        g.classList.toggle("critical", !!critical[g.getAttribute("data-node")]);
      });
      if (tab !== "graph" && (changed.length || update.terminal)) reloadTab();
      if (panel && !panel.hidden && (changed.length || update.terminal)) {
        var open = panel.querySelector("[data-panel-node]");
        if (open && (update.terminal || changed.indexOf(open.getAttribute("data-panel-node")) >= 0 ||
            changed.some(function (id) { return id.indexOf("group:") === 0; }))) reloadPanel();
      }
      if (update.terminal) {
        document.querySelectorAll('[data-action="abort"]').forEach(function (b) { b.closest("form").remove(); });
        refreshHead(head);
      }
    });
    source.addEventListener("end", function () { source.close(); });
  }

  // Once the execution ended, its head gains what only the end tells (error, abort reason,
  // the actions that now apply): take it from the page as the server renders it now.
  function refreshHead(head) {
    fetchHTML(window.location.pathname + window.location.search).then(function (html) {
      var fresh = new DOMParser().parseFromString(html, "text/html").getElementById("exec-head");
      if (fresh) head.innerHTML = fresh.innerHTML;
    }).catch(function () {});
  }

  function refreshPanel(panel) {
    var inner = panel && panel.querySelector("[data-refresh]");
    if (!inner) return;
    var active = document.activeElement;
    if (active && panel.contains(active) && active.tagName !== "BUTTON" && active.tagName !== "A") return;
    fetchHTML(inner.getAttribute("data-refresh")).then(function (html) { showPanel(panel, html, null); }).catch(function () {});
  }

  var logSources = [];
  function followLogs(panel) {
    logSources.forEach(function (s) { s.close(); });
    logSources = [];
    if (!window.EventSource) return;
    panel.querySelectorAll("pre.log[data-log]").forEach(function (pre) {
      var url = pre.getAttribute("data-log");
      if (!url) return;
      pre.scrollTop = pre.scrollHeight;
      var source = new EventSource(url);
      logSources.push(source);
      source.addEventListener("append", function (event) {
        var atEnd = pre.scrollTop + pre.clientHeight >= pre.scrollHeight - 24;
        pre.appendChild(document.createTextNode(event.data.endsWith("\n") ? event.data : event.data + "\n"));
        if (atEnd) pre.scrollTop = pre.scrollHeight;
      });
      source.addEventListener("end", function () { source.close(); pre.classList.add("ended"); });
    });
  }

  function showPanel(panel, html, href) {
    panel.innerHTML = html;
    panel.hidden = false;
    var body = document.getElementById("exec-body");
    if (body) body.classList.add("with-panel");
    if (href) history.replaceState(null, "", href);
    var inner = panel.querySelector("[data-panel-node]");
    var id = inner && inner.getAttribute("data-panel-node");
    document.querySelectorAll("svg.graph g.node").forEach(function (g) {
      g.classList.toggle("selected", g.getAttribute("data-node") === id);
    });
    followLogs(panel);
  }

  // Clicking a node (graph box, table row, timeline row) opens its panel without a reload.
  function wirePanel(body, panel) {
    if (!panel) return;
    document.addEventListener("click", function (event) {
      var close = event.target.closest("[data-close-panel]");
      if (close && panel.contains(close)) {
        event.preventDefault();
        panel.hidden = true;
        panel.innerHTML = "";
        logSources.forEach(function (s) { s.close(); });
        document.getElementById("exec-body").classList.remove("with-panel");
        history.replaceState(null, "", close.getAttribute("href"));
        return;
      }
      var link = event.target.closest("a.node-link, a[data-node], a[data-attempt]");
      if (!link || !(body.contains(link) || panel.contains(link))) return;
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      var href = link.getAttribute("href");
      fetchHTML(withParam(href, "fragment", "1")).then(function (html) { showPanel(panel, html, href); })
        .catch(function () { window.location.href = href; });
    });
  }

  function wireGraphTools() {
    var holder = document.getElementById("graph");
    if (!holder) return;
    var svg = holder.querySelector("svg.graph");
    if (!svg || svg.getAttribute("data-wired")) return;
    svg.setAttribute("data-wired", "1");
    var width = parseFloat(svg.getAttribute("width"));
    var height = parseFloat(svg.getAttribute("height"));
    var scale = 1;
    function apply() {
      svg.setAttribute("width", String(width * scale));
      svg.setAttribute("height", String(height * scale));
    }
    document.querySelectorAll("[data-zoom]").forEach(function (button) {
      button.onclick = function () {
        var how = button.getAttribute("data-zoom");
        if (how === "in") scale = Math.min(4, scale * 1.25);
        else if (how === "out") scale = Math.max(0.1, scale / 1.25);
        else scale = Math.min(1, (holder.clientWidth - 24) / width);
        apply();
      };
    });
  }

  if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", ready);
  else ready();
})();
