package uk.lifeline.code;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import uk.lifeline.command.MeterCommand;
import uk.lifeline.command.Parameters;
import uk.lifeline.meter.DecoderSettings;
import uk.lifeline.meter.EntryResult;
import uk.lifeline.meter.MeterCodeState;
import uk.lifeline.meter.ReferenceMeterDecoder;
import uk.lifeline.testing.TestKeys;

/** Checks docs/command-code-vectors.json, the vendors' compatibility promise, against the encoder and decoder. */
class CommandCodeVectorsTest {

    private static final JsonNode FILE = read();

    static Stream<JsonNode> vectors() {
        return StreamSupport.stream(FILE.get("vectors").spliterator(), false);
    }

    static Stream<JsonNode> decodableVectors() {
        return vectors().filter(v -> v.get("decodable").asBoolean());
    }

    static Stream<JsonNode> sequences() {
        return StreamSupport.stream(FILE.get("sequences").spliterator(), false);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("vectors")
    void encoderProducesTheVectorsBlocksExactly(JsonNode vector) throws GeneralSecurityException {
        CodeKey key = CodeKey.agree(
                Pem.privateKey(FILE.at("/keys/supplier/privateKeyPem").asText()),
                devicePublicKey(vector.get("device").asText()),
                Eui64.parse(FILE.at("/keys/supplier/originator").asText()),
                Eui64.parse(vector.get("device").asText()));

        CommandCode code =
                CodeEncoder.encode(command(vector), vector.get("counter").asLong(), key);

        assertThat(code.blocks()).containsExactlyElementsOf(texts(vector.get("blocks")));
        assertThat(code.command().type().subclass())
                .isEqualTo(vector.get("subclass").asInt());
        for (int i = 0; i < code.blocks().size(); i++) {
            assertThat(String.format(
                            "%016X", Ptut.fromCheckedDigits(code.blocks().get(i))))
                    .isEqualTo(vector.get("ptuts").get(i).asText());
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("decodableVectors")
    void referenceMeterDecodesTheVectorToItsCommand(JsonNode vector) throws GeneralSecurityException {
        String device = vector.get("device").asText();
        CodeKey meterKey = CodeKey.agree(
                Pem.privateKey(FILE.at("/keys/" + device + "/privateKeyPem").asText()),
                Pem.publicKey(FILE.at("/keys/supplier/publicKeyPem").asText()),
                Eui64.parse(FILE.at("/keys/supplier/originator").asText()),
                Eui64.parse(device));

        EntryResult result = meter(meterKey).enterCode(String.join("", texts(vector.get("blocks"))));

        assertThat(result)
                .isEqualTo(new EntryResult.Accepted(
                        command(vector), vector.get("counter").asLong()));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("sequences")
    void referenceMeterAnswersEachBlockOfTheSequenceAsRecorded(JsonNode sequence) {
        ReferenceMeterDecoder meter = meter(TestKeys.meterKey());
        for (JsonNode entry : sequence.get("entries")) {
            assertThat(VectorFileGenerator.answer(
                            meter.enterBlock(entry.get("block").asText())))
                    .as(entry.get("block").asText())
                    .isEqualTo(entry.get("expect").asText());
        }
    }

    private static ReferenceMeterDecoder meter(CodeKey key) {
        Instant now = Instant.parse(FILE.get("meterTime").asText());
        return new ReferenceMeterDecoder(
                key, DecoderSettings.DEFAULTS, MeterCodeState.FACTORY_FRESH, Clock.fixed(now, ZoneOffset.UTC));
    }

    private static java.security.PublicKey devicePublicKey(String device) throws GeneralSecurityException {
        JsonNode keys = FILE.at("/keys/" + device);
        return Pem.publicKey(
                keys.has("publicKeyPem")
                        ? keys.get("publicKeyPem").asText()
                        : keys.get("certificatePem").asText());
    }

    private static MeterCommand command(JsonNode vector) {
        Map<String, String> parameters = new LinkedHashMap<>();
        vector.get("parameters")
                .properties()
                .forEach(e -> parameters.put(e.getKey(), e.getValue().asText()));
        return MeterCommand.parse(vector.get("command").asText(), Parameters.of(parameters));
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static JsonNode read() {
        try {
            return new ObjectMapper()
                    .readTree(TestKeys.docsDir()
                            .resolve("command-code-vectors.json")
                            .toFile());
        } catch (IOException e) {
            throw new IllegalStateException("cannot read the vectors file", e);
        }
    }
}
