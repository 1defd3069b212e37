// Progressive help only: every page works without it.
document.addEventListener('DOMContentLoaded', function () {
  // a form that came back with mistakes: bring the reader (and a screen reader's focus) to the summary
  var summary = document.querySelector('[data-error-summary]');
  if (summary) summary.focus();
});
