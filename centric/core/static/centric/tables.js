// A table wider than its frame (.table-wrap) scrolls sideways inside it. A keyboard scrolls only
// what takes the focus, and a screen reader names what the focus lands on: so a frame whose table
// is wider than it becomes a focusable region named after its table (its caption, its label, or
// the heading above it), and a frame whose table fits stays out of the tab order. Checked again
// whenever a frame changes size (a phone turned, a folded section opened) and for the frames htmx
// swaps in. Attributes a template gives a frame itself are left alone.
(() => {
  const HEADINGS = "h1, h2, h3, h4, h5, h6";

  function headingBefore(frame) {
    for (let node = frame; node && node !== document.body; ) {
      const previous = node.previousElementSibling;
      if (!previous) {
        node = node.parentElement;
        continue;
      }
      node = previous;
      if (node.matches(HEADINGS)) return node;
      const inside = node.querySelectorAll(HEADINGS);
      if (inside.length) return inside[inside.length - 1];
    }
    return null;
  }

  function nameOf(frame) {
    const table = frame.querySelector("table");
    const labelledBy = table?.getAttribute("aria-labelledby");
    const named =
      table?.caption?.textContent ||
      table?.getAttribute("aria-label") ||
      (labelledBy &&
        labelledBy
          .split(/\s+/)
          .map((id) => document.getElementById(id)?.textContent || "")
          .join(" ")) ||
      headingBefore(frame)?.textContent ||
      "Table";
    return named.replace(/\s+/g, " ").trim();
  }

  function mark(frame) {
    const scrolls = frame.isConnected && frame.scrollWidth > frame.clientWidth + 1;
    if (scrolls && !frame.hasAttribute("tabindex")) {
      frame.dataset.scrolls = "";
      frame.tabIndex = 0;
      frame.setAttribute("role", "region");
      frame.setAttribute("aria-label", nameOf(frame));
    } else if (!scrolls && "scrolls" in frame.dataset) {
      delete frame.dataset.scrolls;
      frame.removeAttribute("tabindex");
      frame.removeAttribute("role");
      frame.removeAttribute("aria-label");
    }
  }

  const observer = new ResizeObserver((entries) => entries.forEach((entry) => mark(entry.target)));

  function watch(root) {
    if (!(root instanceof Element || root instanceof Document)) return;
    if (root instanceof Element && root.matches(".table-wrap")) observer.observe(root);
    root.querySelectorAll(".table-wrap").forEach((frame) => observer.observe(frame));
  }

  watch(document);
  document.addEventListener("htmx:load", (event) => watch(event.target));
})();
