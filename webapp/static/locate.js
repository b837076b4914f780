/* "Use my location": only when the button is pressed, ask the browser where it is and send the
   rounded position with the search form; the server turns it into the nearest town. Nothing is kept. */
(function () {
  "use strict";
  var button = document.querySelector("[data-locate]");
  if (!button || !navigator.geolocation) { return; }
  var form = button.form;
  var status = form.querySelector("[data-locate-status]");
  button.hidden = false;
  button.addEventListener("click", function () {
    button.disabled = true;
    status.textContent = "Finding your town…";
    navigator.geolocation.getCurrentPosition(function (position) {
      form.elements.lat.value = position.coords.latitude.toFixed(2);
      form.elements.lon.value = position.coords.longitude.toFixed(2);
      form.elements.where.value = "";
      form.submit();
    }, function () {
      button.disabled = false;
      status.textContent = "Your browser did not share a location. Type a town or ZIP code instead.";
    }, {timeout: 15000, maximumAge: 600000});
  });
}());
