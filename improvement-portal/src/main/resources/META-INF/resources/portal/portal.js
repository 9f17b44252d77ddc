// Enhancement only: every page works without it. Starts the NHS.UK design system's components.
import { initAll } from '/nhsuk/nhsuk-frontend.min.js';

document.body.classList.add('js-enabled', 'nhsuk-frontend-supported');
initAll();
