package nl.hvht.ketenpoort.admin;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;

/** The console's login pages: user name and password ({@code /beheer/inloggen}), then the TOTP code. */
@Controller
class LoginController {

    private final LoginFlow flow;

    LoginController(LoginFlow flow) {
        this.flow = flow;
    }

    @GetMapping(LoginFlow.LOGIN)
    String login() {
        return "beheer/inloggen";
    }

    @GetMapping(LoginFlow.SECOND_STEP)
    String secondStep() {
        return "beheer/tweede-stap";
    }

    @PostMapping(LoginFlow.SECOND_STEP)
    String code(@RequestParam(required = false) String code, Authentication who, HttpServletRequest request,
            HttpServletResponse response) {
        return "redirect:" + flow.code(code == null ? "" : code.strip(), (PasswordVerified) who, request, response);
    }
}
