/**
 * The static shell of index.html (its styles are there, inline), rendered again by React while
 * react-admin checks the session: the page stays as it was until the real layout mounts, instead of
 * going shell → spinner → dashboard.
 */
export const Shell = () => (
    <div aria-busy="true">
        <div className="shell-bar">Cascade</div>
        <div className="shell-main">
            <div className="shell-card" />
            <div className="shell-card" />
            <div className="shell-card tall" />
        </div>
    </div>
);
