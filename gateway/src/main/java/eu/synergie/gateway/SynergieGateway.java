package eu.synergie.gateway;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/** The Synergie gateway: the exchange's only door (REST API, security, audit) and its indexer. */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class SynergieGateway {

    public static void main(String[] args) {
        SpringApplication.run(SynergieGateway.class, args);
    }
}
