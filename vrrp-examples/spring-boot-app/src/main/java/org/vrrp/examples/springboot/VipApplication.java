package org.vrrp.examples.springboot;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.Bean;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RestController;
import org.vrrp.StateChange;
import org.vrrp.VrrpListener;

/**
 * A web service that two hosts run behind one VIP. Nothing VRRP-specific is in the code: the
 * dependency {@code org.vrrp:vrrp-spring-boot} and the {@code vrrp.*} lines of application.yml are all
 * it takes. The router joins once the application is ready and resigns before the web server's graceful
 * shutdown, so a SIGTERM moves the VIP to the other host while this one still serves what it accepted.
 *
 * <pre>
 * java -jar vrrp-examples-spring-boot-app-*-exec.jar --vrrp.priority=150 --app.name=host-a
 * </pre>
 */
@SpringBootApplication
public class VipApplication {
    private static final Logger LOG = LoggerFactory.getLogger(VipApplication.class);

    public static void main(String[] args) {
        SpringApplication.run(VipApplication.class, args);
    }

    /** Any VrrpListener bean is told of transitions (on the router's listener thread). */
    @Bean
    VrrpListener announcer(@Value("${app.name}") String name) {
        return new VrrpListener() {
            @Override
            public void becomeMaster(StateChange change) {
                LOG.info("{} now answers on the VIP ({})", name, change.reason());
            }

            @Override
            public void becomeBackup(StateChange change) {
                LOG.info("{} is the backup ({})", name, change.reason());
            }
        };
    }

    @RestController
    static class Hello {
        private final String name;

        Hello(@Value("${app.name}") String name) {
            this.name = name;
        }

        @GetMapping("/")
        String hello() {
            return name + "\n";
        }
    }
}
