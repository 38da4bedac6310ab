package uk.lifeline.backend.reach.voice;

import uk.lifeline.words.Language;

/**
 * What calls say, in English and Welsh: every sentence once, per language. The Welsh is a first draft and must
 * be reviewed by a native speaker before real customers hear it (README, "Voice calls"). Immutable.
 */
enum CallWords {
    ENGLISH(
            "Hello. This is %s, calling about your %s meter, the one whose number ends %s.",
            "gas",
            "electricity",
            "We have a code for you to type into your meter. What it does: %s",
            "Please have your meter's keypad ready. The code has %d groups of four digits. I will read each group"
                    + " slowly.",
            "Group %d.",
            "That is the whole code.",
            "To hear the code again, press 1. When you have typed it into your meter, press 2. To speak to someone,"
                    + " press 0.",
            "We did not hear a key. Goodbye.",
            "Thank you. We have noted that you typed the code. Goodbye.",
            "Putting you through to someone who can help. Please hold.",
            "Sorry, nobody can take your call on this line. Please ring %s. Goodbye.",
            "Sorry, that key does nothing here.",
            "Hello. This is the Lifeline meter code line. Please key your PIN, then press the hash key.",
            "Sorry, we do not know the number you are calling from. Please ring from the number your energy"
                    + " supplier has for you, or speak to your supplier. Goodbye.",
            "Sorry, that PIN is not right. Please key your PIN again, then press the hash key.",
            "Your PIN is locked after too many wrong tries. Please choose a new PIN in the Lifeline app, or ask your"
                    + " energy supplier to set one. Goodbye.",
            "You have not chosen a PIN yet. You can choose one in the Lifeline app, or ask your energy supplier."
                    + " Goodbye.",
            "You have no codes waiting. Goodbye.",
            "You have %d codes waiting.",
            "You have one code waiting.",
            "Code %d of %d.",
            "Thank you. Here is your next code.",
            "That was your last code. Goodbye."),
    WELSH(
            "Helo. %s sydd yma, yn galw am eich mesurydd %s, yr un y mae ei rif yn gorffen %s.",
            "nwy",
            "trydan",
            "Mae gennym god i chi ei deipio i mewn i'ch mesurydd. Beth mae'n ei wneud: %s",
            "Cadwch fysellbad eich mesurydd yn barod. Mae gan y cod %d grŵp o bedwar digid. Byddaf yn darllen pob"
                    + " grŵp yn araf.",
            "Grŵp %d.",
            "Dyna'r cod i gyd.",
            "I glywed y cod eto, pwyswch 1. Pan fyddwch wedi ei deipio i mewn i'ch mesurydd, pwyswch 2. I siarad"
                    + " â rhywun, pwyswch 0.",
            "Ni chlywsom fotwm. Hwyl fawr.",
            "Diolch. Rydym wedi nodi eich bod wedi teipio'r cod. Hwyl fawr.",
            "Rydym yn eich trosglwyddo i rywun a all helpu. Arhoswch, os gwelwch yn dda.",
            "Mae'n ddrwg gennym, ni all neb gymryd eich galwad ar y llinell hon. Ffoniwch %s. Hwyl fawr.",
            "Mae'n ddrwg gennym, nid yw'r botwm hwnnw'n gwneud dim yma.",
            "Helo. Dyma linell codau mesurydd Lifeline. Rhowch eich PIN, yna pwyswch yr allwedd hash.",
            "Mae'n ddrwg gennym, nid ydym yn adnabod y rhif rydych yn ffonio ohono. Ffoniwch o'r rhif sydd gan eich"
                    + " cyflenwr ynni, neu siaradwch â'ch cyflenwr. Hwyl fawr.",
            "Mae'n ddrwg gennym, nid yw'r PIN hwnnw'n gywir. Rhowch eich PIN eto, yna pwyswch yr allwedd hash.",
            "Mae eich PIN wedi'i gloi ar ôl gormod o gynigion anghywir. Dewiswch PIN newydd yn ap Lifeline, neu"
                    + " gofynnwch i'ch cyflenwr ynni osod un. Hwyl fawr.",
            "Nid ydych wedi dewis PIN eto. Gallwch ddewis un yn ap Lifeline, neu ofyn i'ch cyflenwr ynni. Hwyl fawr.",
            "Nid oes gennych god yn aros. Hwyl fawr.",
            "Mae gennych %d cod yn aros.",
            "Mae gennych un cod yn aros.",
            "Cod %d o %d.",
            "Diolch. Dyma eich cod nesaf.",
            "Dyna oedd eich cod olaf. Hwyl fawr.");

    final String whoAndWhy;
    final String gas;
    final String electricity;
    final String whatItDoes;
    final String groupsAhead;
    final String group;
    final String wholeCode;
    final String menu;
    final String noKey;
    final String confirmed;
    final String puttingThrough;
    final String nobodyToPutThrough;
    final String notOnMenu;
    final String inboundGreeting;
    final String unknownCaller;
    final String wrongPin;
    final String pinLocked;
    final String noPin;
    final String noCodes;
    final String codesWaiting;
    final String oneCodeWaiting;
    final String codeOf;
    final String nextCode;
    final String lastCode;

    CallWords(
            String whoAndWhy,
            String gas,
            String electricity,
            String whatItDoes,
            String groupsAhead,
            String group,
            String wholeCode,
            String menu,
            String noKey,
            String confirmed,
            String puttingThrough,
            String nobodyToPutThrough,
            String notOnMenu,
            String inboundGreeting,
            String unknownCaller,
            String wrongPin,
            String pinLocked,
            String noPin,
            String noCodes,
            String codesWaiting,
            String oneCodeWaiting,
            String codeOf,
            String nextCode,
            String lastCode) {
        this.whoAndWhy = whoAndWhy;
        this.gas = gas;
        this.electricity = electricity;
        this.whatItDoes = whatItDoes;
        this.groupsAhead = groupsAhead;
        this.group = group;
        this.wholeCode = wholeCode;
        this.menu = menu;
        this.noKey = noKey;
        this.confirmed = confirmed;
        this.puttingThrough = puttingThrough;
        this.nobodyToPutThrough = nobodyToPutThrough;
        this.notOnMenu = notOnMenu;
        this.inboundGreeting = inboundGreeting;
        this.unknownCaller = unknownCaller;
        this.wrongPin = wrongPin;
        this.pinLocked = pinLocked;
        this.noPin = noPin;
        this.noCodes = noCodes;
        this.codesWaiting = codesWaiting;
        this.oneCodeWaiting = oneCodeWaiting;
        this.codeOf = codeOf;
        this.nextCode = nextCode;
        this.lastCode = lastCode;
    }

    static CallWords in(Language language) {
        return language == Language.WELSH ? WELSH : ENGLISH;
    }
}
