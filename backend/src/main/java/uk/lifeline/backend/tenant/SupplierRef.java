package uk.lifeline.backend.tenant;

/** Another supplier as the API names it to a supplier it deals with: its code and name, no ids. Immutable. */
public record SupplierRef(String code, String name) {

    public static SupplierRef of(Supplier supplier) {
        return new SupplierRef(supplier.code(), supplier.name());
    }
}
