package uk.lifeline.backend.input;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.BeanDescription;
import com.fasterxml.jackson.databind.DeserializationConfig;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.Module;
import com.fasterxml.jackson.databind.deser.BeanDeserializerModifier;
import com.fasterxml.jackson.databind.deser.std.DelegatingDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import java.io.IOException;
import org.springframework.boot.autoconfigure.jackson.Jackson2ObjectMapperBuilderCustomizer;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import uk.lifeline.backend.problem.JsonFields;

/**
 * Applies the {@link TextRule} to every JSON string the API reads, values and member names alike, while the body
 * is decoded: a bad request is refused before any service (or a shared issuing batch) sees it. Spring Boot adds
 * this module to the application's ObjectMapper.
 */
@Configuration
class TextJackson {

    /** Pence and counts are whole: 1.5 for a {@code long} is a wrong value (400), not quietly 1. */
    @Bean
    Jackson2ObjectMapperBuilderCustomizer wholeNumbersOnly() {
        return builder -> builder.featuresToDisable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
    }

    @Bean
    Module textRuleModule() {
        SimpleModule module = new SimpleModule("lifeline-text-rule");
        module.addDeserializer(String.class, new CheckedStrings());
        module.addKeyDeserializer(String.class, new CheckedKeys());
        module.setDeserializerModifier(new BeanDeserializerModifier() {
            @Override
            public JsonDeserializer<?> modifyEnumDeserializer(
                    DeserializationConfig config,
                    JavaType type,
                    BeanDescription description,
                    JsonDeserializer<?> deserializer) {
                return new ExactEnums(deserializer);
            }
        });
        return module;
    }

    /**
     * Enumerated values (outcomes, statuses...) match exactly: Jackson would trim {@code " ACCEPTED"} and take it;
     * here it is a wrong value (400 naming the field), and text breaking the rule is {@code invalid-text}.
     */
    static final class ExactEnums extends DelegatingDeserializer {
        ExactEnums(JsonDeserializer<?> delegate) {
            super(delegate);
        }

        @Override
        protected JsonDeserializer<?> newDelegatingInstance(JsonDeserializer<?> delegate) {
            return new ExactEnums(delegate);
        }

        @Override
        public Object deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            if (p.hasToken(JsonToken.VALUE_STRING)) {
                String text = checked(p, p.getText());
                if (text.isEmpty() || !text.equals(text.strip())) {
                    throw ctxt.weirdStringException(text, handledType(), "not exactly one of the names");
                }
            }
            return super.deserialize(p, ctxt);
        }
    }

    /** Jackson's own string reading, then the rule. */
    static final class CheckedStrings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
            return checked(p, super.deserialize(p, ctxt));
        }
    }

    static final class CheckedKeys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext ctxt) throws IOException {
            String fault = TextRule.fault(key);
            if (fault != null) {
                // Named by the object it is in: echoing the bad name back would carry the bad text.
                JsonParser p = ctxt.getParser();
                throw new InvalidTextException(
                        p, JsonFields.at(p.getParsingContext().getParent()), "a member name has a " + fault);
            }
            return key;
        }
    }

    private static String checked(JsonParser p, String value) throws InvalidTextException {
        String fault = TextRule.fault(value);
        if (fault != null) {
            throw new InvalidTextException(p, JsonFields.at(p.getParsingContext()), fault);
        }
        return value;
    }
}
