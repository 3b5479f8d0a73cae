// The search page: results open scrolled to the newest match, and Esc empties the search field.
document.addEventListener("turbo:load", () => {
  const results = document.querySelector(".searches__results");
  if (results) results.scrollTop = results.scrollHeight;
});

document.addEventListener("keydown", (event) => {
  if (event.key !== "Escape" || !event.target.matches?.(".searches__field")) return;
  event.target.value = "";
});
