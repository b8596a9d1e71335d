/* Share links: the address field works without JavaScript (select it and copy). With it,
   a Copy button copies the address and says so; focusing the field selects it all. */
(function () {
  "use strict";
  var field = document.querySelector("[data-share-url]");
  var button = document.querySelector("[data-share-copy]");
  var status = document.querySelector("[data-share-status]");
  if (!field || !button) {
    return;
  }
  field.addEventListener("focus", function () {
    field.select();
  });
  if (!navigator.clipboard || !navigator.clipboard.writeText) {
    return;
  }
  button.hidden = false;
  button.addEventListener("click", function () {
    navigator.clipboard.writeText(field.value).then(
      function () {
        status.textContent = button.getAttribute("data-copied");
      },
      function () {
        field.focus();
      }
    );
  });
})();
