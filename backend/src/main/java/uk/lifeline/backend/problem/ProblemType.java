package uk.lifeline.backend.problem;

import java.net.URI;
import org.springframework.http.HttpStatus;

/**
 * Every kind of error the API answers with, each with a stable type URI (RFC 9457), its HTTP status and title.
 * The slugs are part of the API: clients switch on them, so never rename one.
 */
public enum ProblemType {
    MALFORMED_JSON("malformed-json", HttpStatus.BAD_REQUEST, "The request body is not valid JSON"),
    VALIDATION("validation", HttpStatus.BAD_REQUEST, "The request has invalid fields"),
    UNKNOWN_COMMAND("unknown-command", HttpStatus.BAD_REQUEST, "Unknown command"),
    PARAMETER_OUT_OF_RANGE("parameter-out-of-range", HttpStatus.BAD_REQUEST, "A parameter is out of range"),
    INVALID_PARAMETERS("invalid-parameters", HttpStatus.BAD_REQUEST, "Missing or unknown command parameters"),
    INVALID_MPAN("invalid-mpan", HttpStatus.BAD_REQUEST, "Not a valid MPAN"),
    INVALID_MPRN("invalid-mprn", HttpStatus.BAD_REQUEST, "Not a valid MPRN"),
    MISSING_IDEMPOTENCY_KEY("missing-idempotency-key", HttpStatus.BAD_REQUEST, "Idempotency-Key header required"),
    IDEMPOTENCY_KEY_REUSED(
            "idempotency-key-reused",
            HttpStatus.UNPROCESSABLE_ENTITY,
            "Idempotency-Key already used for a different request"),
    UNAUTHORIZED("unauthorized", HttpStatus.UNAUTHORIZED, "Authentication required"),
    INVALID_CREDENTIALS("invalid-credentials", HttpStatus.UNAUTHORIZED, "Wrong username or password"),
    FORBIDDEN("forbidden", HttpStatus.FORBIDDEN, "Not allowed for your role"),
    FOUR_EYES("four-eyes", HttpStatus.FORBIDDEN, "A code needs a second person's approval"),
    NOT_FOUND("not-found", HttpStatus.NOT_FOUND, "Not found"),
    METHOD_NOT_ALLOWED("method-not-allowed", HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed"),
    UNSUPPORTED_MEDIA_TYPE("unsupported-media-type", HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported media type"),
    NOT_ACCEPTABLE("not-acceptable", HttpStatus.NOT_ACCEPTABLE, "Not acceptable"),
    NOT_A_METER("not-a-meter", HttpStatus.CONFLICT, "This device does not take codes"),
    WRONG_STATUS("wrong-status", HttpStatus.CONFLICT, "The code is not in a status that allows this"),
    COUNTER_WINDOW_EXHAUSTED(
            "counter-window-exhausted", HttpStatus.CONFLICT, "Too many codes outstanding for this meter"),
    METER_WOULD_REFUSE("meter-would-refuse", HttpStatus.CONFLICT, "The meter would refuse this code"),
    NO_METER_MODEL("no-meter-model", HttpStatus.CONFLICT, "The backend holds no modelled state for this meter"),
    INVALID_AREA("invalid-area", HttpStatus.BAD_REQUEST, "The area is not a list of postcode districts"),
    INVALID_WINDOW("invalid-window", HttpStatus.BAD_REQUEST, "The notice's start and end are not allowed"),
    CAMPAIGN_NOT_RUNNING("campaign-not-running", HttpStatus.CONFLICT, "The campaign is not running"),
    // Install codes, commissioning and change of supplier (issue 8, docs/install-codes.md).
    INVALID_INSTALL_CODE("invalid-install-code", HttpStatus.BAD_REQUEST, "Not a valid install code"),
    MALFORMED_UPLOAD("malformed-upload", HttpStatus.BAD_REQUEST, "The uploaded file cannot be read"),
    NOT_YOUR_REQUEST("not-your-request", HttpStatus.FORBIDDEN, "Only the other party to this request may do that"),
    NOT_INSTALLING_SUPPLIER(
            "not-installing-supplier", HttpStatus.FORBIDDEN, "Another supplier is recorded as installing this device"),
    ALREADY_REQUESTED("already-requested", HttpStatus.CONFLICT, "An open request for this device exists"),
    ALREADY_ANSWERED("already-answered", HttpStatus.CONFLICT, "This has already been answered or closed"),
    ALREADY_COMMISSIONED("already-commissioned", HttpStatus.CONFLICT, "The device is already commissioned"),
    OWN_INSTALL("own-install", HttpStatus.CONFLICT, "You installed this device"),
    INSTALLER_UNKNOWN("installer-unknown", HttpStatus.CONFLICT, "Nobody is known to have installed this device"),
    CODE_ALREADY_RELEASED(
            "code-already-released", HttpStatus.CONFLICT, "The install code has already been released to you"),
    NO_INSTALL_CODE("no-install-code", HttpStatus.CONFLICT, "No install code is held for this device"),
    NOT_OVERDUE("not-overdue", HttpStatus.CONFLICT, "The request is not overdue"),
    SUPPLY_ENDED("supply-ended", HttpStatus.CONFLICT, "The premises has moved to another supplier"),
    CREDENTIALS_NOT_INSTALLED(
            "credentials-not-installed", HttpStatus.CONFLICT, "The meter still trusts the losing supplier's key"),
    BULK_UPLOAD_REJECTED(
            "bulk-upload-rejected",
            HttpStatus.UNPROCESSABLE_ENTITY,
            "Some rows cannot be requested; nothing was created"),
    CALENDAR_NOT_COVERED(
            "calendar-not-covered",
            HttpStatus.SERVICE_UNAVAILABLE,
            "The bank-holiday data does not cover the dates needed"),
    // Hostile input (issue 12): text outside the one text rule (input.TextRule).
    INVALID_TEXT("invalid-text", HttpStatus.BAD_REQUEST, "The text contains characters that are not allowed"),
    // Reaching customers by text and voice (issue 14, docs/backend-api.md "Reaching customers").
    INVALID_PHONE_NUMBER("invalid-phone-number", HttpStatus.BAD_REQUEST, "Not a telephone number we can use"),
    CONTACT_CHANGED(
            "contact-changed", HttpStatus.CONFLICT, "Someone else changed these contact details; read them again"),
    WEBHOOK_SIGNATURE_INVALID(
            "webhook-signature-invalid", HttpStatus.FORBIDDEN, "The webhook's signature is missing or does not match"),
    // Self-disconnection risk and the PSR (issue 17, docs/forecast.md).
    OUT_OF_SEASON(
            "out-of-season", HttpStatus.CONFLICT, "The winter protection policy applies from 1 October to 31 March"),
    TOO_MANY_ATTEMPTS("too-many-attempts", HttpStatus.TOO_MANY_REQUESTS, "Too many attempts"),
    SERVICE_UNAVAILABLE("service-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "Service unavailable"),
    // Refusals before any endpoint is reached, and a database that cannot be reached (issue 12).
    REQUEST_REJECTED("request-rejected", HttpStatus.BAD_REQUEST, "The request was refused as malformed or unsafe"),
    PAYLOAD_TOO_LARGE("payload-too-large", HttpStatus.PAYLOAD_TOO_LARGE, "The request body is too large"),
    URI_TOO_LONG("uri-too-long", HttpStatus.URI_TOO_LONG, "The request URI is too long"),
    DATABASE_UNAVAILABLE(
            "database-unavailable", HttpStatus.SERVICE_UNAVAILABLE, "The database is unavailable; try again shortly"),
    INTERNAL("internal", HttpStatus.INTERNAL_SERVER_ERROR, "Internal error");

    /** Types are URNs: stable names that need no web server; docs/backend-api.md describes each. */
    public static final String PREFIX = "urn:lifeline:problem:";

    private final String slug;
    private final HttpStatus status;
    private final String title;

    ProblemType(String slug, HttpStatus status, String title) {
        this.slug = slug;
        this.status = status;
        this.title = title;
    }

    public URI uri() {
        return URI.create(PREFIX + slug);
    }

    public String slug() {
        return slug;
    }

    public HttpStatus status() {
        return status;
    }

    public String title() {
        return title;
    }
}
