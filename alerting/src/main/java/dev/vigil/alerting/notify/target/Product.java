package dev.vigil.alerting.notify.target;

/** Vigil's name and version as targets see them (HTTP User-Agent, CEF device product and version). */
public final class Product {

    public static final String NAME = "Vigil";

    private Product() {
    }

    /** The jar's Implementation-Version, or {@code dev} when running from classes. */
    public static String version() {
        String version = Product.class.getPackage().getImplementationVersion();
        return version == null || version.isBlank() ? "dev" : version;
    }
}
