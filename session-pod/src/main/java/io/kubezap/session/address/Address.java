package io.kubezap.session.address;

/**
 * Both forms of one person's WhatsApp address, as far as the server has told them: {@code jid} (the phone-number JID
 * when known, else the address WhatsApp used), {@code lid} (the linked identity, {@code …@lid}) and
 * {@code phoneNumber} (digits); {@code username}: their {@code @username} (no {@code @}) when WhatsApp told it, else
 * left out of the JSON.
 */
public record Address(String jid, String lid, String phoneNumber,
                      @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL) String username) {

    static final String LID_SERVER = "@lid";
    static final String PHONE_SERVER = "@s.whatsapp.net";

    /** {@code person} as stored, with what the mapping table knows of its other form (either may be null). */
    public static Address of(String person, String mappedLid, String mappedPhoneJid) {
        return of(person, mappedLid, mappedPhoneJid, null);
    }

    /** The same with the person's {@code @username}, when known. */
    public static Address of(String person, String mappedLid, String mappedPhoneJid, String username) {
        if (person == null) {
            return new Address(null, null, null, null);
        }
        String lid = person.endsWith(LID_SERVER) ? person : mappedLid;
        String phoneJid = person.endsWith(PHONE_SERVER) ? person : mappedPhoneJid;
        String phoneNumber = phoneJid == null ? null : phoneJid.substring(0, phoneJid.indexOf('@'));
        return new Address(phoneJid != null ? phoneJid : person, lid, phoneNumber, username);
    }

    /**
     * A condition: the row of {@code table} whose {@code person} column names {@code :parameter} or names the linked
     * identity that address was kept under before WhatsApp paired the two. {@code :parameter} is in the form rows are
     * stored under: the API turns a lid whose number is known into that number ({@code Addresses.parseCanonical}).
     */
    public static String storedAs(String table, String person, String parameter) {
        return "(" + person + " = :" + parameter + " or " + person + " in (select m.lid from lid_mappings m where m.namespace = "
                + table + ".namespace and m.session = " + table + ".session and m.phone_jid = :" + parameter + "))";
    }

    /**
     * Two subselects naming, for the SQL expression {@code person} of a row of {@code table}, its mapped lid
     * ({@code mapped_lid}) and phone JID ({@code mapped_phone}): read when the row is, so a pairing learned after the
     * row was written shows too.
     */
    public static String mappedColumns(String table, String person) {
        String match = " from lid_mappings m where m.namespace = " + table + ".namespace and m.session = " + table
                + ".session and (m.lid = " + person + " or m.phone_jid = " + person + ") order by m.learned_at desc limit 1)";
        return "(select m.lid" + match + " as mapped_lid, (select m.phone_jid" + match + " as mapped_phone, "
                + "(select c.username from contacts c where c.namespace = " + table + ".namespace and c.session = " + table
                + ".session and c.jid = " + person + " and c.username is not null) as mapped_username";
    }

    /** {@code person}'s address as a row read with {@link #mappedColumns} names it. */
    public static Address mapped(String person, java.sql.ResultSet row) throws java.sql.SQLException {
        return of(person, row.getString("mapped_lid"), row.getString("mapped_phone"), row.getString("mapped_username"));
    }
}
