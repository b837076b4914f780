// The short link's copy button: shown only where the browser can copy; the field works without it.
(function () {
  var button = document.getElementById("copy-short-url");
  if (!button || !navigator.clipboard) { return; }
  var field = document.getElementById(button.getAttribute("data-copy"));
  var done = document.getElementById("copy-done");
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(function () {
      done.textContent = "Link copied.";
    }, function () {
      field.select();
      done.textContent = "Select the link and copy it.";
    });
  });
})();
