package uk.lifeline.backend.reach.contact;

import io.r2dbc.spi.Readable;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;
import org.springframework.r2dbc.core.DatabaseClient;
import org.springframework.stereotype.Component;
import reactor.core.publisher.Flux;
import reactor.core.publisher.Mono;
import uk.lifeline.backend.reach.Channel;
import uk.lifeline.words.Language;

/** The one store of {@code reach_contact}: customers' contact points and needs. Thread-safe. */
@Component
public class ContactStore {

    private static final String COLUMNS = "customer_account_id, mobile, landline, language, channels, needs,"
            + " nominee_name, nominee_phone, sms_stopped_at, version, updated_at, updated_by";

    private final DatabaseClient db;
    private final RegisteredNeeds registered;

    public ContactStore(DatabaseClient db, RegisteredNeeds registered) {
        this.db = db;
        this.registered = registered;
    }

    /** The customer's contact points, or {@link ContactPoints#none} if nothing was recorded. */
    public Mono<ContactPoints> find(UUID supplier, UUID customer) {
        return db.sql("SELECT " + COLUMNS + " FROM reach_contact WHERE supplier_id = :s AND customer_account_id = :c")
                .bind("s", supplier)
                .bind("c", customer)
                .map(ContactStore::read)
                .one()
                .defaultIfEmpty(ContactPoints.none(customer));
    }

    /**
     * What reaching the customer goes by: their contact points with the needs their PSR entry implies added
     * ({@link Reachability#withRegisteredNeeds}). Not for showing or editing the contact points: those are only
     * what was recorded here.
     */
    public Mono<ContactPoints> forReaching(UUID supplier, UUID customer) {
        return find(supplier, customer)
                .zipWith(registered.of(supplier, customer).defaultIfEmpty(Set.of()), Reachability::withRegisteredNeeds);
    }

    /** As {@link #find}, locking the row (when there is one) until the transaction ends. */
    Mono<ContactPoints> lock(UUID supplier, UUID customer) {
        return db.sql("SELECT " + COLUMNS + " FROM reach_contact WHERE supplier_id = :s AND customer_account_id = :c"
                        + " FOR UPDATE")
                .bind("s", supplier)
                .bind("c", customer)
                .map(ContactStore::read)
                .one()
                .defaultIfEmpty(ContactPoints.none(customer));
    }

    /** The supplier's customers with a mobile or a landline recorded, by account. */
    public Flux<ContactPoints> withPhones(UUID supplier, int limit) {
        return db.sql("SELECT " + COLUMNS + " FROM reach_contact WHERE supplier_id = :s"
                        + " AND (mobile IS NOT NULL OR landline IS NOT NULL) ORDER BY customer_account_id LIMIT :limit")
                .bind("s", supplier)
                .bind("limit", limit)
                .map(ContactStore::read)
                .all();
    }

    /** Customers (of any supplier) whose mobile is this number: for replies, which carry only the number. */
    public Flux<Owned> byMobile(PhoneNumber mobile) {
        return db.sql("SELECT supplier_id, " + COLUMNS + " FROM reach_contact WHERE mobile = :m")
                .bind("m", mobile.e164())
                .map(r -> new Owned(r.get("supplier_id", UUID.class), read(r)))
                .all();
    }

    /** Customers (of any supplier) whose mobile or landline is this number: for the inbound line's caller ID. */
    public Flux<Owned> byCallerId(PhoneNumber number) {
        return db.sql("SELECT supplier_id, " + COLUMNS + " FROM reach_contact WHERE mobile = :n OR landline = :n"
                        + " ORDER BY supplier_id, customer_account_id LIMIT 20")
                .bind("n", number.e164())
                .map(r -> new Owned(r.get("supplier_id", UUID.class), read(r)))
                .all();
    }

    /** A customer's contact points with the supplier they belong to. */
    public record Owned(UUID supplierId, ContactPoints contact) {}

    /** Writes the new version (the caller holds the lock from {@link #lock}). */
    Mono<Void> save(UUID supplier, ContactPoints c) {
        var spec = db.sql("""
                        INSERT INTO reach_contact (supplier_id, customer_account_id, mobile, landline, language, channels,
                            needs, nominee_name, nominee_phone, sms_stopped_at, version, updated_by, updated_at)
                        VALUES (:s, :c, :mobile, :landline, :language, :channels, :needs, :nomineeName,
                            :nomineePhone, :stopped, :version, :by, :at)
                        ON CONFLICT (supplier_id, customer_account_id) DO UPDATE SET mobile = EXCLUDED.mobile,
                            landline = EXCLUDED.landline, language = EXCLUDED.language, channels = EXCLUDED.channels,
                            needs = EXCLUDED.needs, nominee_name = EXCLUDED.nominee_name,
                            nominee_phone = EXCLUDED.nominee_phone, sms_stopped_at = EXCLUDED.sms_stopped_at,
                            version = EXCLUDED.version, updated_by = EXCLUDED.updated_by,
                            updated_at = EXCLUDED.updated_at
                        """)
                .bind("s", supplier)
                .bind("c", c.customerId())
                .bind("language", c.language().tag())
                .bind("channels", c.channels().stream().map(Channel::code).toArray(String[]::new))
                .bind("needs", c.needs().stream().map(Need::code).toArray(String[]::new))
                .bind("version", c.version())
                .bind("by", c.updatedBy())
                .bind("at", c.updatedAt());
        spec = bindText(spec, "mobile", c.mobile() == null ? null : c.mobile().e164());
        spec = bindText(
                spec, "landline", c.landline() == null ? null : c.landline().e164());
        spec = bindText(
                spec, "nomineeName", c.nominee() == null ? null : c.nominee().name());
        spec = bindText(
                spec,
                "nomineePhone",
                c.nominee() == null ? null : c.nominee().phone().e164());
        spec = c.smsStoppedAt() == null
                ? spec.bindNull("stopped", Instant.class)
                : spec.bind("stopped", c.smsStoppedAt());
        return spec.fetch().rowsUpdated().then();
    }

    /** The customer texted STOP: SMS leaves their channels. True if it was there. */
    public Mono<Boolean> stopTexts(UUID supplier, UUID customer, Instant at) {
        return db.sql("UPDATE reach_contact SET channels = array_remove(channels, 'SMS'), sms_stopped_at = :at,"
                        + " version = version + 1, updated_at = :at"
                        + " WHERE supplier_id = :s AND customer_account_id = :c AND 'SMS' = ANY (channels)")
                .bind("s", supplier)
                .bind("c", customer)
                .bind("at", at)
                .fetch()
                .rowsUpdated()
                .map(n -> n > 0);
    }

    private static DatabaseClient.GenericExecuteSpec bindText(
            DatabaseClient.GenericExecuteSpec spec, String name, String value) {
        return value == null ? spec.bindNull(name, String.class) : spec.bind(name, value);
    }

    private static ContactPoints read(Readable r) {
        String nomineePhone = r.get("nominee_phone", String.class);
        return new ContactPoints(
                r.get("customer_account_id", UUID.class),
                phone(r.get("mobile", String.class)),
                phone(r.get("landline", String.class)),
                Language.fromTag(r.get("language", String.class)).orElseThrow(),
                codes(r.get("channels", String[].class), Channel.class),
                codes(r.get("needs", String[].class), Need.class),
                nomineePhone == null
                        ? null
                        : new ContactPoints.Nominee(r.get("nominee_name", String.class), new PhoneNumber(nomineePhone)),
                r.get("sms_stopped_at", Instant.class),
                r.get("version", Integer.class),
                r.get("updated_at", Instant.class),
                r.get("updated_by", UUID.class));
    }

    private static PhoneNumber phone(String e164) {
        return e164 == null ? null : new PhoneNumber(e164);
    }

    private static <E extends Enum<E>> Set<E> codes(String[] codes, Class<E> type) {
        EnumSet<E> out = EnumSet.noneOf(type);
        Arrays.stream(codes).forEach(c -> out.add(Enum.valueOf(type, c)));
        return out;
    }
}
