package nl.hvht.ketenpoort.admin;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;

/**
 * TOTP key rotation at start-up: every administrator's TOTP secret that is not under the current key
 * ({@code ketenpoort.admin.login.totp-key-id}) is decrypted with the previous key its stored value names
 * ({@code previous-totp-keys.<id>}) and re-encrypted under the current key, all in one transaction
 * ({@link AdminAccounts#reencryptTotpSecrets}). So after one start with the new and the previous key, no secret needs the
 * previous key any more and the operator removes it; administrators notice nothing (same secret, same app). Chosen over
 * re-encrypting at each administrator's next login, which would keep the previous key needed for as long as anyone
 * stays away. A secret no configured key decrypts is left as it is and logged (user name and key id, never a value):
 * that administrator cannot log in until the right previous key is configured; the gateway itself starts, since
 * message traffic does not depend on the console.
 */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE)
class TotpKeyRotation implements ApplicationRunner {

    private static final Logger LOG = LoggerFactory.getLogger(TotpKeyRotation.class);

    private final AdminAccounts beheerders;
    private final TotpSecrets secrets;

    TotpKeyRotation(AdminAccounts beheerders, TotpSecrets secrets) {
        this.beheerders = beheerders;
        this.secrets = secrets;
    }

    @Override
    public void run(ApplicationArguments args) {
        AdminAccounts.Reencryption done = beheerders.reencryptTotpSecrets();
        if (done.reencrypted() > 0) {
            LOG.info("TOTP key rotation: {} TOTP secrets re-encrypted under key id {}", done.reencrypted(), secrets.currentId());
        }
        if (!done.undecryptable().isEmpty()) {
            LOG.warn("TOTP key rotation: the TOTP secrets of {} decrypt with no configured key; they cannot log in until"
                    + " the key that encrypted them is set as ketenpoort.admin.login.previous-totp-keys.<id>", done.undecryptable());
        }
    }
}
