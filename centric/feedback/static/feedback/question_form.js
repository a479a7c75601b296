// The question form shows only the groups of fields that apply to the kind chosen. A group
// hidden is disabled too, so what was typed in it is kept on the page but not sent: an NPS
// question keeps no options. Without this script every group shows, under its heading.
(() => {
  const form = document.querySelector("[data-question-form]");
  const kind = form && form.elements.namedItem("kind");
  if (!kind) return;
  const groups = form.querySelectorAll("fieldset[data-kinds]");
  const show = () => {
    for (const group of groups) {
      const applies = group.dataset.kinds.split(" ").includes(kind.value);
      group.hidden = !applies;
      group.disabled = !applies;
    }
  };
  kind.addEventListener("change", show);
  show();
})();
