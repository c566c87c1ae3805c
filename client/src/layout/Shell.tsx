/**
 * index.html's static shell (its styles are there, inline) as its script filled it for the page
 * opened, taken before React replaces #root's content and rendered again while react-admin checks
 * the session and the layout is built: the page stays as it was instead of going shell → spinner →
 * dashboard.
 */
const staticShell = document.querySelector('#root > .shell')?.outerHTML ?? '';

export const Shell = () => <div dangerouslySetInnerHTML={{ __html: staticShell }} />;
