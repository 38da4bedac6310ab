package uk.lifeline.backend.model;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.datatype.jdk8.Jdk8Module;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import uk.lifeline.calendar.FriendlyCreditSlot;
import uk.lifeline.prepay.MeterState;
import uk.lifeline.tariff.Block;
import uk.lifeline.tariff.SingleRate;
import uk.lifeline.tariff.Tariff;
import uk.lifeline.tariff.TimeOfUse;

/**
 * The stored form of the shared engine's {@link MeterState} (format 1): its record components by name, money in
 * pence as whole numbers, prices as thousandths of a penny, instants and dates in ISO-8601, absent optionals as
 * null, and tariffs tagged {@code "type": "single-rate" | "time-of-use" | "block"}. Reading is strict: a member
 * this format does not know is an error, never silently dropped. Its own mapper, so the API's Jackson settings
 * cannot change what is stored. Thread-safe.
 */
public final class MeterStateJson {

    /** Stored in {@code meter_model.format}; bump it (and migrate) if this form ever changes. */
    public static final int FORMAT = 1;

    @JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
    @JsonSubTypes({
        @JsonSubTypes.Type(value = SingleRate.class, name = "single-rate"),
        @JsonSubTypes.Type(value = TimeOfUse.class, name = "time-of-use"),
        @JsonSubTypes.Type(value = Block.class, name = "block")
    })
    private interface TariffMixIn {}

    private abstract static class SlotMixIn {
        @JsonIgnore
        abstract boolean isEmpty();
    }

    private static final ObjectMapper MAPPER = JsonMapper.builder()
            .addModule(new Jdk8Module())
            .addModule(new JavaTimeModule())
            .addMixIn(Tariff.class, TariffMixIn.class)
            .addMixIn(FriendlyCreditSlot.class, SlotMixIn.class)
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
            .build();

    private MeterStateJson() {}

    public static String write(MeterState state) {
        try {
            return MAPPER.writeValueAsString(state);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot write a meter state as JSON", e);
        }
    }

    /** Any part of a state (a tariff, a calendar) in the stored form, for showing it. */
    public static JsonNode tree(Object part) {
        return MAPPER.valueToTree(part);
    }

    /** @throws IllegalStateException if the text is not a format-1 meter state */
    public static MeterState read(String json) {
        try {
            return MAPPER.readValue(json, MeterState.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new IllegalStateException("a stored meter state is unreadable: " + e.getMessage(), e);
        }
    }
}
