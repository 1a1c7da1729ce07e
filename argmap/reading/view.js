(function () {
  "use strict";
  var data = JSON.parse(document.getElementById("argmap-data").textContent);
  var claims = data.claims;
  var view = document.getElementById("map-view");
  var svg = document.getElementById("map-svg");
  var status = document.getElementById("status");
  var pieces = Object.create(null);
  Array.prototype.forEach.call(document.querySelectorAll("#text-pane [data-claim].q, #text-pane [data-claim].gap"), function (el) {
    var id = el.getAttribute("data-claim");
    (pieces[id] = pieces[id] || []).push(el);
  });
  var smooth = !(window.matchMedia && window.matchMedia("(prefers-reduced-motion: reduce)").matches);
  function node(id) {
    var el = document.getElementById("claim-" + id);
    return el && el.getAttribute("data-claim") === id ? el : null;
  }
  function first(id) {
    var el = document.getElementById("q-" + id);
    return el && el.getAttribute("data-claim") === id ? el : null;
  }
  function say(message) { status.textContent = message; }
  function mark(id, cls, on) {
    (pieces[id] || []).forEach(function (el) { el.classList.toggle(cls, on); });
    var n = node(id);
    if (n) { n.classList.toggle(cls, on); }
  }
  var hot = null;
  function setHot(id) {
    if (hot === id) { return; }
    if (hot !== null) { mark(hot, "hot", false); }
    hot = id;
    if (id !== null) { mark(id, "hot", true); }
  }
  function inView(el, box) {
    var r = el.getBoundingClientRect(), b = box.getBoundingClientRect();
    return r.top >= b.top && r.bottom <= b.bottom && r.left >= b.left && r.right <= b.right;
  }
  function showNode(id, always) {
    var n = node(id);
    if (!n || !view) { return; }
    if (!always && inView(n, view)) { return; }
    var r = n.getBoundingClientRect(), b = view.getBoundingClientRect();
    view.scrollTo({
      left: view.scrollLeft + (r.left + r.width / 2) - (b.left + b.width / 2),
      top: view.scrollTop + (r.top + r.height / 2) - (b.top + b.height / 2),
      behavior: smooth ? "smooth" : "auto"
    });
  }
  var selected = null;
  function clearSelection() {
    if (selected === null) { return; }
    mark(selected, "sel", false);
    var f = first(selected), n = node(selected);
    if (f) { f.removeAttribute("aria-current"); }
    if (n) { n.removeAttribute("aria-current"); }
    selected = null;
  }
  function select(id, from) {
    clearSelection();
    var info = claims[id];
    if (!info) { return; }
    selected = id;
    mark(id, "sel", true);
    var f = first(id), n = node(id);
    if (n) { n.setAttribute("aria-current", "true"); }
    if (f) {
      f.setAttribute("aria-current", "true");
      if (from === "node") {
        f.focus({preventScroll: true});
        f.scrollIntoView({block: "center", behavior: smooth ? "smooth" : "auto"});
      } else {
        showNode(id, true);
      }
      say(info.label + " (line " + info.line + ")");
    } else {
      if (from !== "node") { showNode(id, true); }
      say(info.where);
    }
  }
  function claimOf(target, scope) {
    var el = target && target.closest ? target.closest("[data-claim]") : null;
    return el && scope.contains(el) ? el.getAttribute("data-claim") : null;
  }
  function activateOnKeys(el, handler) {
    el.addEventListener("keydown", function (event) {
      if (event.key === "Enter" || event.key === " " || event.key === "Spacebar") {
        var id = claimOf(event.target, el);
        if (id !== null && event.target.getAttribute("data-claim") === id && event.target.getAttribute("role") === "button") {
          event.preventDefault();
          handler(id);
        }
      }
    });
  }
  var pane = document.getElementById("text-pane");
  pane.addEventListener("mouseover", function (event) {
    var el = event.target.closest ? event.target.closest(".q,.gap") : null;
    setHot(el ? el.getAttribute("data-claim") : null);
  });
  pane.addEventListener("mouseleave", function () { setHot(null); });
  pane.addEventListener("focusin", function (event) {
    var el = event.target;
    if (el.classList && el.classList.contains("q")) {
      var id = el.getAttribute("data-claim");
      setHot(id);
      showNode(id, false);
    }
  });
  pane.addEventListener("focusout", function () { setHot(null); });
  pane.addEventListener("click", function (event) {
    var link = event.target.closest ? event.target.closest("a[data-sentence], a.to-node") : null;
    if (link) {
      if (link.classList.contains("to-node")) {
        event.preventDefault();
        select(link.getAttribute("data-claim"), "list");
        var n = node(link.getAttribute("data-claim"));
        if (n) { n.focus({preventScroll: true}); }
      } else {
        var target = document.getElementById("u-" + link.getAttribute("data-sentence"));
        if (target) {
          event.preventDefault();
          document.querySelectorAll(".unmapped.sel").forEach(function (el) { el.classList.remove("sel"); });
          target.classList.add("sel");
          target.scrollIntoView({block: "center", behavior: smooth ? "smooth" : "auto"});
        }
      }
      return;
    }
    var piece = event.target.closest ? event.target.closest(".q,.gap") : null;
    if (piece) { select(piece.getAttribute("data-claim"), "text"); }
  });
  activateOnKeys(pane, function (id) { select(id, "text"); });
  if (svg) {
    var dragged = false;
    svg.addEventListener("click", function (event) {
      if (dragged) { return; }
      var id = claimOf(event.target, svg);
      if (id !== null) { select(id, "node"); }
    });
    svg.addEventListener("mouseover", function (event) { setHot(claimOf(event.target, svg)); });
    svg.addEventListener("mouseleave", function () { setHot(null); });
    svg.addEventListener("focusin", function (event) { setHot(claimOf(event.target, svg)); });
    svg.addEventListener("focusout", function () { setHot(null); });
    activateOnKeys(svg, function (id) { select(id, "node"); });

    var box = svg.viewBox && svg.viewBox.baseVal;
    var natural = box && box.width ? {w: box.width * 4 / 3, h: box.height * 4 / 3} : null;
    var scale = 1;
    var level = document.getElementById("zoom-level");
    function setScale(next, keepCentre) {
      if (!natural) { return; }
      next = Math.max(0.1, Math.min(2.5, next));
      var cx = (view.scrollLeft + view.clientWidth / 2) / scale, cy = (view.scrollTop + view.clientHeight / 2) / scale;
      scale = next;
      svg.style.width = (natural.w * scale) + "px";
      svg.style.height = (natural.h * scale) + "px";
      if (level) { level.textContent = Math.round(scale * 100) + "%"; }
      if (keepCentre) {
        view.scrollLeft = cx * scale - view.clientWidth / 2;
        view.scrollTop = cy * scale - view.clientHeight / 2;
      }
    }
    function fit() {
      return natural ? Math.min(view.clientWidth / natural.w, view.clientHeight / natural.h) : 1;
    }
    var tools = {
      "zoom-in": function () { setScale(scale * 1.25, true); },
      "zoom-out": function () { setScale(scale / 1.25, true); },
      "zoom-fit": function () { setScale(fit(), false); view.scrollLeft = 0; view.scrollTop = 0; },
      "zoom-reset": function () { setScale(1, true); }
    };
    Object.keys(tools).forEach(function (name) {
      var button = document.getElementById(name);
      if (button) { button.addEventListener("click", tools[name]); }
    });
    // Readable at first: the whole map if it fits at 70 % or more, else 70 % and the main conclusion in view.
    setScale(Math.min(1, Math.max(fit(), 0.7)), false);
    if (data.main && node(data.main)) {
      var m = node(data.main).getBoundingClientRect(), v = view.getBoundingClientRect();
      view.scrollLeft = view.scrollLeft + (m.left + m.width / 2) - (v.left + v.width / 2);
      view.scrollTop = 0;
    }
    var drag = null;
    view.addEventListener("pointerdown", function (event) {
      if (event.button !== 0) { return; }
      drag = {x: event.clientX, y: event.clientY, left: view.scrollLeft, top: view.scrollTop, moved: false};
      dragged = false;
    });
    view.addEventListener("pointermove", function (event) {
      if (!drag) { return; }
      var dx = event.clientX - drag.x, dy = event.clientY - drag.y;
      if (!drag.moved && Math.abs(dx) + Math.abs(dy) < 5) { return; }
      drag.moved = dragged = true;
      view.classList.add("dragging");
      view.scrollLeft = drag.left - dx;
      view.scrollTop = drag.top - dy;
    });
    function endDrag() { drag = null; view.classList.remove("dragging"); }
    view.addEventListener("pointerup", endDrag);
    view.addEventListener("pointercancel", endDrag);
    view.addEventListener("pointerleave", endDrag);
  }
  document.addEventListener("keydown", function (event) {
    if (event.key === "Escape") { clearSelection(); say(""); }
  });
  document.documentElement.classList.add("js");
})();
