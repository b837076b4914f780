/* Breezy HR position embed (https://breezy.hr) */
(function () {
  var target = document.getElementById("breezy-jobs");
  if (!target) { return; }
  fetch("{{base}}/json").then(function (r) { return r.json(); }).then(function (positions) {
    target.innerHTML = positions.map(function (p) {
      return '<li class="bzy-position"><a href="' + p.url + '">' + p.name + "</a></li>";
    }).join("") + '<p class="bzy-powered">Powered by <a href="https://breezy.hr">Breezy HR</a></p>';
  });
})();
