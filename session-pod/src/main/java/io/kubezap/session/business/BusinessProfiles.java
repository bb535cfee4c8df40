package io.kubezap.session.business;

import io.kubezap.session.account.AccountProfile;
import io.kubezap.session.account.OwnProfile;
import io.kubezap.session.engine.BusinessEngine;
import io.kubezap.session.engine.ContactProfile;
import io.kubezap.session.engine.EngineCalls;
import io.kubezap.session.failure.Failure;
import jakarta.inject.Singleton;

/** The account's business profile: read as WhatsApp shows it to others, and changed as the Business app changes it. */
@Singleton
public class BusinessProfiles {

    private final AccountProfile account;
    private final BusinessEngine engine;

    public BusinessProfiles(AccountProfile account, BusinessEngine engine) {
        this.account = account;
        this.engine = engine;
    }

    /** 404 for a personal account, which has none. */
    public ContactProfile.Business read() {
        return businessOf(account.read());
    }

    /** Answers the profile as WhatsApp shows it after the change. */
    public ContactProfile.Business change(BusinessProfileRequest request) {
        if (request == null) {
            throw Failure.invalid("description", "give description, address, email, websites or hours");
        }
        var errors = request.errors();
        if (!errors.isEmpty()) {
            throw Failure.invalid(errors);
        }
        if (account.read().business() == null) {
            throw Failure.conflict("not-a-business-account", "Not a business account",
                    "the account is a personal WhatsApp account: only a WhatsApp Business account has a business profile");
        }
        EngineCalls.await(engine.setBusinessProfile(request.change()));
        return read();
    }

    private static ContactProfile.Business businessOf(OwnProfile profile) {
        if (profile.business() == null) {
            throw Failure.notFound("the account is a personal WhatsApp account: it has no business profile");
        }
        return profile.business();
    }
}
