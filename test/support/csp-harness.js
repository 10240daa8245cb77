// Loaded first by the strict-CSP test page (test/support/csp-pages.mjs), as a script from 'self':
// records every Content Security Policy violation of the page, from the first one, and every
// unhandled promise rejection, and when each custom element was defined.
window.cspViolations = [];
window.definedAt = {};
{
  const define = CustomElementRegistry.prototype.define;
  CustomElementRegistry.prototype.define = function (name, ...rest) {
    window.definedAt[name] ??= performance.now();
    return define.call(this, name, ...rest);
  };
}
window.unhandledRejections = [];
window.addEventListener('unhandledrejection', (event) => window.unhandledRejections.push(String(event.reason)));
document.addEventListener(
  'securitypolicyviolation',
  (event) => {
    window.cspViolations.push({
      directive: event.effectiveDirective || event.violatedDirective,
      blocked: event.blockedURI,
      sample: event.sample,
      source: `${event.sourceFile}:${event.lineNumber}`,
    });
  },
  true,
);
