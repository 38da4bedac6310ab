package uk.lifeline.backend.reach.voice;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.UUID;
import uk.lifeline.backend.reach.CodeFacts;
import uk.lifeline.backend.reach.voice.Script.Connect;
import uk.lifeline.backend.reach.voice.Script.Digits;
import uk.lifeline.backend.reach.voice.Script.End;
import uk.lifeline.backend.reach.voice.Script.Keys;
import uk.lifeline.backend.reach.voice.Script.Part;
import uk.lifeline.backend.reach.voice.Script.Silence;
import uk.lifeline.backend.reach.voice.Script.Words;
import uk.lifeline.words.Language;

/**
 * Every step of every call, in the customer's language: who is calling and why, the code one group of four at a
 * time, the key menu (1 again, 2 typed, 0 someone to talk to), and the inbound line's PIN and codes. Where keys
 * are posted is {@link Webhooks}. Immutable and thread-safe.
 */
final class CallScripts {

    private final Webhooks hooks;
    private final String callCentre;

    CallScripts(Webhooks hooks, String callCentre) {
        this.hooks = hooks;
        this.callCentre = callCentre == null || callCentre.isBlank() ? null : callCentre;
    }

    /** What an outbound call says when it is answered. */
    Script opening(UUID call, CodeFacts code, Language language) {
        CallWords w = CallWords.in(language);
        return Script.of(
                        language,
                        new Words(String.format(
                                Locale.ROOT,
                                w.whoAndWhy,
                                code.supplierName(),
                                code.electricity() ? w.electricity : w.gas,
                                Script.spaced(code.meterTail()))),
                        new Words(String.format(Locale.ROOT, w.whatItDoes, code.plainWords(language))),
                        new Silence(1))
                .then(code(call, code, language));
    }

    /** The code, group by group, then the menu: what key 1 repeats. */
    Script code(UUID call, CodeFacts code, Language language) {
        CallWords w = CallWords.in(language);
        List<String> groups = new ArrayList<>();
        code.blocks().forEach(b -> groups.addAll(List.of(CodeFacts.grouped(b).split(" "))));
        List<Part> parts = new ArrayList<>();
        parts.add(new Words(String.format(Locale.ROOT, w.groupsAhead, groups.size())));
        parts.add(new Silence(2));
        for (int i = 0; i < groups.size(); i++) {
            parts.add(new Words(String.format(Locale.ROOT, w.group, i + 1)));
            parts.add(new Digits(groups.get(i)));
            parts.add(new Silence(3));
        }
        parts.add(new Words(w.wholeCode));
        return new Script(language, parts).then(menu(call, language));
    }

    /** The menu; with no key, goodbye. */
    Script menu(UUID call, Language language) {
        CallWords w = CallWords.in(language);
        return Script.of(
                language,
                new Keys(hooks.keys(call), 1, List.of(new Words(w.menu), new Silence(5))),
                new Words(w.noKey),
                new End());
    }

    Script confirmed(Language language) {
        return Script.of(language, new Words(CallWords.in(language).confirmed), new End());
    }

    /** Key 0: the call centre, when there is one; else the supplier's number to ring. */
    Script agent(Language language, String supplierPhone) {
        CallWords w = CallWords.in(language);
        if (callCentre == null) {
            return Script.of(
                    language,
                    new Words(String.format(
                            Locale.ROOT,
                            w.nobodyToPutThrough,
                            supplierPhone == null ? "your energy supplier" : Script.spaced(supplierPhone))),
                    new End());
        }
        return Script.of(language, new Words(w.puttingThrough), new Connect(callCentre));
    }

    Script notOnMenu(UUID call, Language language) {
        return Script.of(language, new Words(CallWords.in(language).notOnMenu)).then(menu(call, language));
    }

    /** The inbound line's greeting to a number it knows: the PIN, up to the hash key. */
    Script askPin(Language language, boolean again) {
        CallWords w = CallWords.in(language);
        return Script.of(
                language,
                new Keys(hooks.pin(), 0, List.of(new Words(again ? w.wrongPin : w.inboundGreeting))),
                new Words(w.noKey),
                new End());
    }

    /** A number the line does not know: said in English, then in Welsh (nobody knows which the caller reads). */
    Script unknownCaller() {
        return Script.of(Language.ENGLISH, new Words(CallWords.ENGLISH.unknownCaller), new End());
    }

    Script unknownCallerWelsh() {
        return Script.of(Language.WELSH, new Words(CallWords.WELSH.unknownCaller), new End());
    }

    Script pinLocked(Language language) {
        return Script.of(language, new Words(CallWords.in(language).pinLocked), new End());
    }

    Script noPin(Language language) {
        return Script.of(language, new Words(CallWords.in(language).noPin), new End());
    }

    Script noCodes(Language language) {
        return Script.of(language, new Words(CallWords.in(language).noCodes), new End());
    }

    /** The caller's waiting codes: how many, then the first. */
    Script waiting(UUID call, int count, CodeFacts first, Language language) {
        CallWords w = CallWords.in(language);
        String how = count == 1 ? w.oneCodeWaiting : String.format(Locale.ROOT, w.codesWaiting, count);
        return Script.of(language, new Words(how)).then(oneOf(call, 1, count, first, language));
    }

    /** One of the caller's codes: which, whose, then the code and the menu. */
    Script oneOf(UUID call, int number, int count, CodeFacts code, Language language) {
        CallWords w = CallWords.in(language);
        return Script.of(
                        language,
                        new Words(String.format(Locale.ROOT, w.codeOf, number, count)),
                        new Words(String.format(
                                Locale.ROOT,
                                w.whoAndWhy,
                                code.supplierName(),
                                code.electricity() ? w.electricity : w.gas,
                                Script.spaced(code.meterTail()))),
                        new Words(String.format(Locale.ROOT, w.whatItDoes, code.plainWords(language))))
                .then(code(call, code, language));
    }

    /** Key 2 on the inbound line: thanks, then the next code, or goodbye after the last. */
    Script nextOrLast(UUID call, int number, int count, CodeFacts next, Language language) {
        CallWords w = CallWords.in(language);
        if (next == null) {
            return Script.of(language, new Words(w.lastCode), new End());
        }
        return Script.of(language, new Words(w.nextCode)).then(oneOf(call, number, count, next, language));
    }
}
