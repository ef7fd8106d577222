package com.deskpost.ingest.events;

import com.deskpost.events.AccessEvent;
import com.deskpost.ingest.web.ApiException;
import com.deskpost.platform.credential.AccessCredentials;
import com.deskpost.platform.credential.CredentialSealer;
import java.util.Map;
import org.springframework.http.HttpStatus;

/**
 * Ingest is where Deskpost first sees an access event posted over HTTP, so its credentials are sealed
 * here, before anything is produced: a clear door code never reaches {@code facility.access} from this
 * door. A value the facility system sealed itself is kept, if it names a key Deskpost publishes and has
 * the sealed form; otherwise the event is refused (422) with what to do, never with the value.
 */
final class AccessSealing {

    private final CredentialSealer sealer;

    AccessSealing(CredentialSealer sealer) {
        this.sealer = sealer;
    }

    /** The event to produce: every clear credential sealed for its location and member. */
    AccessEvent seal(AccessEvent event) {
        AccessCredentials.problem(event, sealer).ifPresent(problem -> {
            throw new ApiException(HttpStatus.UNPROCESSABLE_CONTENT, "sealed_credential_refused", problem
                    + ". Seal the credential again under the current key from GET /api/v1/credential-keys"
                    + " (key id " + sealer.current().id() + "), or send it in clear over HTTPS and Deskpost seals it;"
                    + " nothing was produced", Map.of("current_key_id", sealer.current().id()));
        });
        return AccessCredentials.sealed(event, sealer);
    }
}
