// Runs at the top of <body>: lets GOV.UK Frontend's CSS know JavaScript is available before the
// page paints. A file, not an inline script, because the Content-Security-Policy forbids those.
document.body.className +=
  " js-enabled" + ("noModule" in HTMLScriptElement.prototype ? " govuk-frontend-supported" : "");
