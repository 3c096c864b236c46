// GOV.UK's conditional reveal for radios, as on the feedback form's "A commitment" choice: the
// content a radio controls (aria-controls) is shown while it is checked. Without JavaScript it is
// always shown (the hiding class only applies with .govuk-frontend-supported). Unlike
// govuk-frontend's own script it sets no aria-expanded, which ARIA does not allow on a radio and
// axe reports (alphagov/govuk-frontend issue 979).
(function () {
  document.querySelectorAll("[data-og-reveal]").forEach(function (group) {
    var radios = group.querySelectorAll('input[type="radio"]');
    function sync() {
      radios.forEach(function (radio) {
        var id = radio.getAttribute("aria-controls");
        var target = id && document.getElementById(id);
        if (target) {
          target.classList.toggle("govuk-radios__conditional--hidden", !radio.checked);
        }
      });
    }
    radios.forEach(function (radio) {
      radio.addEventListener("change", sync);
    });
    sync();
  });
})();
