package io.kizuna;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class KizunaApplication {

	public static void main(String[] args) {
		SpringApplication.run(KizunaApplication.class, args);
	}
}
