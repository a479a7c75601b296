// A long list of checkboxes (the accounts to invite) gets a box that narrows it to the names
// that hold what is typed; ticked ones always show. Without this script the whole list shows.
(() => {
  for (const list of document.querySelectorAll("div.choice-list")) {
    const items = [...list.children];
    if (items.length < 12) continue;
    const box = document.createElement("input");
    box.type = "search";
    box.className = "choice-filter";
    box.placeholder = "Type to narrow the list";
    const label = list.closest(".field")?.querySelector("legend");
    box.setAttribute("aria-label", `Narrow the list of ${label ? label.textContent.trim().toLowerCase() : "choices"}`);
    box.setAttribute("aria-controls", list.id);
    list.before(box);
    box.addEventListener("input", () => {
      const query = box.value.trim().toLowerCase();
      for (const item of items) {
        const ticked = item.querySelector("input:checked");
        item.hidden = !ticked && query !== "" && !item.textContent.toLowerCase().includes(query);
      }
    });
  }
})();
