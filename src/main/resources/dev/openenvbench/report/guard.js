// Runs first: records every script error and console error into the DOM, so a headless
// browser's --dump-dom shows them (tests assert there are none).
(function () {
  'use strict';
  var root = document.documentElement;
  function record(message) {
    var prev = root.getAttribute('data-js-errors');
    root.setAttribute('data-js-errors', (prev ? prev + ' | ' : '') + message);
  }
  window.addEventListener('error', function (e) {
    record('error: ' + (e.message || (e.target && e.target.outerHTML) || 'unknown'));
  }, true);
  window.addEventListener('unhandledrejection', function (e) {
    record('unhandled rejection: ' + e.reason);
  });
  document.addEventListener('securitypolicyviolation', function (e) {
    record('blocked by CSP: ' + e.blockedURI);
  });
  var consoleError = console.error;
  console.error = function () {
    record('console.error: ' + Array.prototype.join.call(arguments, ' '));
    return consoleError.apply(console, arguments);
  };
  window.__reportRecordError = record;
})();
