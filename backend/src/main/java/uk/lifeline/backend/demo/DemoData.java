package uk.lifeline.backend.demo;

import java.util.List;
import uk.lifeline.backend.customer.SupplyPointNumbers;

/** The demo data set, as plain values. Every name, address and number here is made up. */
final class DemoData {

    record StaffSeed(String username, String displayName, String role) {}

    /** @param mpxn the supply point for a meter, null for a PPMID or hub */
    record DeviceSeed(String eui64, String type, String wanState, String mpxn) {}

    /** @param username the customer's own sign-in, or null */
    record CustomerSeed(
            String accountNumber,
            String name,
            String phone,
            String username,
            String address,
            String postcode,
            List<DeviceSeed> devices) {}

    record SupplierSeed(
            String code, String name, String originatorId, List<StaffSeed> staff, List<CustomerSeed> customers) {}

    private DemoData() {}

    private static String mpan(String first12) {
        return SupplyPointNumbers.mpanWithCheckDigit(first12);
    }

    private static String mprn(String body) {
        return SupplyPointNumbers.mprnWithCheckDigits(body);
    }

    static final List<SupplierSeed> SUPPLIERS = List.of(
            new SupplierSeed(
                    "bright-energy",
                    "Bright Energy",
                    "1A2B3C4D00000001",
                    List.of(
                            new StaffSeed("amy.agent", "Amy Agent", "AGENT"),
                            new StaffSeed("adam.agent", "Adam Agent", "AGENT"),
                            new StaffSeed("sam.supervisor", "Sam Supervisor", "SUPERVISOR"),
                            new StaffSeed("sue.supervisor", "Sue Supervisor", "SUPERVISOR"),
                            new StaffSeed("olly.ops", "Olly Ops", "OPS"),
                            new StaffSeed("ada.admin", "Ada Admin", "ADMIN")),
                    List.of(
                            new CustomerSeed(
                                    "ACC-100001",
                                    "Carol Jones",
                                    "07700900001",
                                    "carol.customer",
                                    "12 Acacia Avenue, Leeds",
                                    "LS6 2AB",
                                    List.of(
                                            new DeviceSeed("00DB1234567800A1", "ESME", "NO_WAN", mpan("101234567890")),
                                            new DeviceSeed("00DB1234567800A2", "GSME", "NO_WAN", mprn("39384244")),
                                            new DeviceSeed("00DB1234567800A3", "PPMID", "NO_WAN", null),
                                            new DeviceSeed("00DB1234567800A4", "CHF", "NO_WAN", null))),
                            new CustomerSeed(
                                    "ACC-100002",
                                    "Colin Patel",
                                    "07700900002",
                                    "colin.customer",
                                    "Flat 3, 41 Harbour Street, Whitby",
                                    "YO21 3AA",
                                    List.of(new DeviceSeed(
                                            "00DB1234567800B1", "ESME", "INSTALL_AND_LEAVE", mpan("161234567891")))),
                            new CustomerSeed(
                                    "ACC-100003",
                                    "Grace Evans",
                                    "07700900003",
                                    null,
                                    "7 Mill Lane, Bristol",
                                    "BS3 4QT",
                                    List.of(
                                            new DeviceSeed(
                                                    "00DB1234567800C1",
                                                    "ESME",
                                                    "COMMISSIONED_WAN",
                                                    mpan("221234567892")),
                                            new DeviceSeed(
                                                    "00DB1234567800C2", "GSME", "PARTIAL_INSTALL", mprn("7512345")))))),
            new SupplierSeed(
                    "northern-power",
                    "Northern Power",
                    "1A2B3C4D00000002",
                    List.of(
                            new StaffSeed("nina.agent", "Nina Agent", "AGENT"),
                            new StaffSeed("ned.supervisor", "Ned Supervisor", "SUPERVISOR")),
                    List.of(new CustomerSeed(
                            "ACC-200001",
                            "Nora Smith",
                            "07700900004",
                            "nora.customer",
                            "3 Station Road, Durham",
                            "DH1 4AB",
                            List.of(new DeviceSeed("00DB1234567800D1", "ESME", "NO_WAN", mpan("151234567893")))))));
}
