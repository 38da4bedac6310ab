package uk.lifeline.backend;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The backend's entry point. */
@SpringBootApplication
public class LifelineBackend {

    public static void main(String[] args) {
        SpringApplication.run(LifelineBackend.class, args);
    }
}
