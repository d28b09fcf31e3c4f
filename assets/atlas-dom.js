/* Elements built from data, safely: DOM nodes for what the engine draws itself, and Dash's wire
   form for the few outputs Dash still renders (the readout, the upload's notices).
   Why in the browser: the panel and the lists that grow with the data are drawn here, straight
   into the page, because Dash's renderer cost seconds per update at 100x the data. Text from
   the data only ever becomes a text node or an attribute value, never markup. */
(function () {
  "use strict";
  const atlas = (window.atlas = window.atlas || {});

  /* el("li", {className: "x", "data-id": id, style: {color: c}}, [child, "text", null]) */
  function el(tag, attrs, children) {
    const node = document.createElement(tag);
    Object.keys(attrs || {}).sort().forEach(function (name) {
      const value = attrs[name];
      if (value === null || value === undefined || value === false) { return; }
      if (name === "className") { node.className = value; }
      else if (name === "style") { Object.assign(node.style, value); }
      else { node.setAttribute(name, value === true ? "" : String(value)); }
    });
    append(node, children);
    return node;
  }

  function append(node, children) {
    if (children === null || children === undefined) { return node; }
    (Array.isArray(children) ? children : [children]).forEach(function (child) {
      if (child === null || child === undefined || child === false) { return; }
      node.append(child instanceof Node ? child : document.createTextNode(String(child)));
    });
    return node;
  }

  /* A Dash html component in its wire form (React renders its children as text). */
  function component(type, props, children) {
    const p = Object.assign({}, props || {});
    if (children !== undefined) { p.children = children; }
    return {type: type, namespace: "dash_html_components", props: p};
  }

  /* Run fn once the browser has painted a frame (a rAF callback runs just before the paint; a task
     queued from it runs after). */
  function afterPaint(fn) {
    window.requestAnimationFrame(function () { window.setTimeout(fn, 0); });
  }

  atlas.dom = {el: el, append: append, component: component, afterPaint: afterPaint};
})();
