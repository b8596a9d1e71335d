// The donate form without a reload: the amounts follow the currency and frequency chosen.
// Without this script, "Show the amounts for this currency" reloads the form with every answer kept.
(function () {
  "use strict";
  var form = document.querySelector(".donate-form");
  var data = document.getElementById("donate-presets");
  var presets = form && form.querySelector("[data-donate-presets]");
  if (!form || !data || !presets) return;
  var amounts = JSON.parse(data.textContent);
  var other = document.getElementById("id_preset_other");
  var otherBox = document.getElementById("id_amount");
  var update = form.querySelector("[data-donate-update]");
  if (update) update.remove();

  function chosen(name) {
    var field = form.querySelector("[name=" + name + "]:checked") || form.querySelector("select[name=" + name + "]");
    return field ? field.value : "";
  }

  function preset(choice, index) {
    var label = document.createElement("label");
    label.className = "donate-form__preset";
    label.htmlFor = "id_preset_" + index;
    var input = document.createElement("input");
    input.type = "radio";
    input.name = "preset";
    input.id = label.htmlFor;
    input.value = choice.value;
    var amount = document.createElement("span");
    amount.className = "donate-form__preset-amount";
    amount.textContent = choice.label;
    label.append(input, " ", amount);
    if (choice.description) {
      var text = document.createElement("span");
      text.className = "donate-form__preset-text";
      text.textContent = choice.description;
      label.append(" ", text);
    }
    return label;
  }

  function show() {
    var currency = chosen("currency");
    var choices = (amounts[currency] || {})[chosen("frequency")] || [];
    var was = chosen("preset");
    presets.querySelectorAll(".donate-form__preset:not(.donate-form__preset--other)").forEach(function (old) {
      old.remove();
    });
    var otherLabel = other.closest("label");
    choices.forEach(function (choice, index) {
      var label = preset(choice, index);
      presets.insertBefore(label, otherLabel);
      if (choice.value === was) label.querySelector("input").checked = true;
    });
    form.querySelectorAll("[data-donate-code]").forEach(function (code) {
      code.textContent = currency;
    });
  }

  form.addEventListener("change", function (event) {
    if (event.target.name === "currency" || event.target.name === "frequency") show();
    // A tapped amount replaces one typed before, so the two never disagree.
    if (event.target.name === "preset" && event.target.value !== "other") otherBox.value = "";
  });
  // Typing another amount chooses "Other amount".
  otherBox.addEventListener("input", function () {
    if (otherBox.value) other.checked = true;
  });
})();
