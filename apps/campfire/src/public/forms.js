// Small form behaviours: uploads that send themselves, Ctrl/Cmd+Enter to save, and the sign-in link
// page pressing its own button (a bare GET of that link must never sign anyone in).
document.addEventListener("change", (event) => {
  const input = event.target;
  if (input.matches?.("form[data-auto-submit] input[type=file]") && input.files.length > 0)
    input.form.requestSubmit();
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Enter" || !(event.metaKey || event.ctrlKey)) return;
  event.target.closest?.("form[data-save-with-keyboard]")?.requestSubmit();
});

document.addEventListener("turbo:load", () => {
  document.querySelector("form[data-submit-on-load]")?.requestSubmit();
});
