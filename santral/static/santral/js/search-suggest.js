/* Search-as-you-type for /arama/: fills the search box's <datalist> with the query's last word
   completed from the index's words, then matching titles.
   Progressive enhancement only: without this file the form works the same. Same origin, no inline code. */
(function () {
  "use strict";
  var input = document.getElementById("search-q");
  var list = document.getElementById("search-suggestions");
  if (!input || !list || !window.fetch) { return; }
  var url = input.getAttribute("data-suggest-url");
  var timer = null;
  var last = "";
  function fill(words, items) {
    while (list.firstChild) { list.removeChild(list.firstChild); }
    words.concat(items.map(function (item) { return item.title; })).forEach(function (value) {
      var option = document.createElement("option");
      option.value = value;
      list.appendChild(option);
    });
  }
  input.addEventListener("input", function () {
    var q = input.value.trim();
    if (timer) { clearTimeout(timer); }
    if (q.length < 2 || q === last) { return; }
    timer = setTimeout(function () {
      last = q;
      fetch(url + "?q=" + encodeURIComponent(q), { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : { words: [], suggestions: [] }; })
        .then(function (data) { if (input.value.trim() === q) { fill(data.words || [], data.suggestions || []); } })
        .catch(function () { /* suggestions are optional */ });
    }, 150);
  });
}());
