package io.attune.application.port.out;

/**
 * Tells this instance that users or API keys changed, through any instance (or by hand in the database), once the
 * change is committed. What keeps identities in memory drops them when told, and keeps nothing while the feed is not
 * {@link #live}: a change made while nobody listened would go unheard.
 */
public interface IdentityChanges {

    /**
     * Calls {@code changed} after every committed change of users or API keys, and whenever the feed is lost or comes
     * back (anything may have changed in between). The callback must be quick; it runs on the feed's thread.
     */
    void subscribe(Runnable changed);

    /** Whether changes are heard now. */
    boolean live();

    /** A feed that never hears anything: nothing is kept in memory. */
    IdentityChanges NONE = new IdentityChanges() {
        @Override
        public void subscribe(Runnable changed) {
            // nothing is ever heard
        }

        @Override
        public boolean live() {
            return false;
        }
    };
}
