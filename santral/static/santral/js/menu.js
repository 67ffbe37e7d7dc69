/* The header menu is a <details>: closed under 48 rem (768 px), always shown from 48 rem up
   by design.css (::details-content). Browsers without ::details-content get the menu opened
   here on wide screens; without JavaScript they still have the menu button. */
(function () {
  "use strict";
  var menu = document.querySelector(".site-header .menu");
  if (!menu || !window.matchMedia) return;
  if (window.CSS && CSS.supports && CSS.supports("selector(::details-content)")) return;
  var wide = window.matchMedia("(min-width: 48rem)");
  function sync() { if (wide.matches) menu.open = true; }
  sync();
  if (wide.addEventListener) wide.addEventListener("change", sync);
})();
