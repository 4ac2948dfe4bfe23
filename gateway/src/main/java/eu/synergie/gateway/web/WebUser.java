package eu.synergie.gateway.web;

import eu.synergie.core.policy.Caller;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.oauth2.core.oidc.OidcIdToken;
import org.springframework.security.oauth2.core.oidc.OidcUserInfo;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;

import java.util.Collection;

/** A person logged in to the web UI, with the {@link Caller} their access token describes. */
public final class WebUser extends DefaultOidcUser {

    private final transient Caller caller;

    WebUser(Collection<? extends GrantedAuthority> authorities, OidcIdToken idToken, OidcUserInfo userInfo, Caller caller) {
        super(authorities, idToken, userInfo, "preferred_username");
        this.caller = caller;
    }

    public Caller caller() {
        return caller;
    }
}
