// Buttons marked data-print print the page (or save it as PDF, as the browser offers); without
// JavaScript they stay hidden (centric.css), since they could do nothing.
document.documentElement.classList.add("js");
document.addEventListener("click", (event) => {
  if (event.target instanceof Element && event.target.closest("[data-print]")) {
    window.print();
  }
});
