package eu.synergie.gateway.api;

import eu.synergie.gateway.wiring.SynergieProperties;
import io.github.bucket4j.TimeMeter;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/** Wiring of the API's request limits: the body size filter and the per-client rate limits. */
@Configuration(proxyBeanMethods = false)
@EnableConfigurationProperties(ApiLimits.class)
class ApiConfiguration implements WebMvcConfigurer {

    private final RateLimits rateLimits;

    ApiConfiguration(ApiLimits limits) {
        this.rateLimits = new RateLimits(limits, TimeMeter.SYSTEM_NANOTIME);
    }

    @Override
    public void addInterceptors(InterceptorRegistry registry) {
        // TAXII reads are searches by another protocol: the same allowance per subject.
        registry.addInterceptor(rateLimits).addPathPatterns("/api/v1/notices", "/api/v1/notices/**", "/taxii2/**");
    }

    @Bean
    FilterRegistrationBean<RequestSizeLimit> requestSizeLimit(SynergieProperties properties, ApiLimits limits) {
        FilterRegistrationBean<RequestSizeLimit> registration = new FilterRegistrationBean<>(
                new RequestSizeLimit(properties.maxEnvelopeBytes(), limits.batchBytes(), limits.requestBytes()));
        registration.addUrlPatterns("/*");
        return registration;
    }
}
