package uk.lifeline.app.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.File;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.Test;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** Every customer-facing word has its Welsh: each string and plural in values/ is in values-cy/ too. */
public class StringsTest {

    private static final Pattern ARGUMENT = Pattern.compile("%(\\d+\\$)?[sdf]");

    @Test
    public void everyStringHasItsWelshWithTheSameArguments() throws Exception {
        Map<String, String> english = read(new File("src/main/res/values/strings.xml"));
        Map<String, String> welsh = read(new File("src/main/res/values-cy/strings.xml"));

        assertThat(english).hasSizeGreaterThan(60);
        assertThat(welsh.keySet()).as("strings without Welsh").containsAll(english.keySet());
        assertThat(english.keySet()).as("Welsh strings with no English").containsAll(welsh.keySet());
        for (String name : english.keySet()) {
            assertThat(welsh.get(name)).as("Welsh for " + name).isNotBlank();
            assertThat(arguments(welsh.get(name))).as("arguments of " + name).isEqualTo(arguments(english.get(name)));
        }
    }

    /** Each string by name, and each plural by name and quantity 'other'. */
    private static Map<String, String> read(File file) throws Exception {
        Element root = DocumentBuilderFactory.newInstance()
                .newDocumentBuilder()
                .parse(file)
                .getDocumentElement();
        Map<String, String> out = new TreeMap<>();
        NodeList strings = root.getElementsByTagName("string");
        for (int i = 0; i < strings.getLength(); i++) {
            Element s = (Element) strings.item(i);
            out.put(s.getAttribute("name"), s.getTextContent());
        }
        NodeList plurals = root.getElementsByTagName("plurals");
        for (int i = 0; i < plurals.getLength(); i++) {
            Element p = (Element) plurals.item(i);
            NodeList items = p.getElementsByTagName("item");
            for (int j = 0; j < items.getLength(); j++) {
                Element item = (Element) items.item(j);
                if (item.getAttribute("quantity").equals("other")) {
                    out.put("plurals/" + p.getAttribute("name"), item.getTextContent());
                }
            }
        }
        return out;
    }

    private static TreeSet<String> arguments(String text) {
        TreeSet<String> found = new TreeSet<>();
        Matcher m = ARGUMENT.matcher(text);
        while (m.find()) {
            found.add(m.group());
        }
        return found;
    }
}
