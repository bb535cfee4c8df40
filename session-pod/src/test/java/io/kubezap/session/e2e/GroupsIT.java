package io.kubezap.session.e2e;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static org.hamcrest.Matchers.containsInAnyOrder;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

/**
 * Groups between the packaged pod and simulated phones: the session creates a group with two phones (the simulator's
 * group server then holds all three), promotes one; that admin phone removes the session (the session is then refused
 * as a non-member) and adds it back; the session, now a plain member, is refused an admin action (403); it leaves.
 */
@Timeout(value = 10, unit = TimeUnit.MINUTES)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class GroupsIT {

    private static final String OWNER = "5511999990014";
    private static final String ANA = "5511988880014";
    private static final String BIA = "5511977770014";
    private static final String OWNER_JID = OWNER + "@s.whatsapp.net";
    private static final String ANA_JID = ANA + "@s.whatsapp.net";
    private static final String BIA_JID = BIA + "@s.whatsapp.net";

    @TempDir
    static Path workDir;

    private PodAgainstSimulator world;

    @BeforeAll
    void startAConnectedSession() throws Exception {
        world = PodAgainstSimulator.create(workDir, "loja-14", Map.of());
        world.createPhone(BIA, "Bia");
        world.startLinked(OWNER, ANA);
    }

    @AfterAll
    void stopEverything() throws Exception {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void theSessionAdministersAGroupWithTwoPhonesAndIsHeldToItsRole() {
        String group = world.api().body(Map.of("subject", "Equipe", "participants", List.of("+55 11 98888-0014", BIA_JID)))
                .post("/groups").then().statusCode(201)
                .body("subject", equalTo("Equipe"))
                .body("participants.jid", containsInAnyOrder(OWNER_JID, ANA_JID, BIA_JID))
                .body("participants.find { it.jid == '" + OWNER_JID + "' }.role", equalTo("superadmin"))
                .extract().path("jid");
        world.control().get("/api/groups/" + group).then().statusCode(200)
                .body("subject", equalTo("Equipe")).body("participants.number", containsInAnyOrder(OWNER, ANA, BIA));

        world.api().body(Map.of("promote", List.of(ANA), "ignored", List.of())).post("/groups/" + group + "/participants")
                .then().statusCode(200).body("items[0].jid", equalTo(ANA_JID)).body("items[0].status", equalTo("promoted"));
        world.api().body(Map.of("add", List.of(BIA, "5511900000000"))).post("/groups/" + group + "/participants")
                .then().statusCode(200).body("items.status", equalTo(List.of("already-in-group", "not-on-whatsapp")));

        world.api().body(Map.of("description", "Metas da semana", "announce", true)).patch("/groups/" + group).then().statusCode(200)
                .body("description", equalTo("Metas da semana")).body("announce", equalTo(true)).body("locked", equalTo(false));
        world.control().get("/api/groups/" + group).then().body("description", equalTo("Metas da semana")).body("announce", equalTo(true));

        world.control().body(Map.of("from", ANA, "subject", "Equipe de vendas")).patch("/api/groups/" + group).then().statusCode(200);
        world.api().get("/groups/" + group).then().statusCode(200).body("subject", equalTo("Equipe de vendas"));

        world.control().body(Map.of("from", ANA, "action", "remove", "participants", List.of(OWNER)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
        world.api().get("/groups/" + group).then().statusCode(404)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("not-a-group-member"));
        world.control().body(Map.of("from", ANA, "action", "add", "participants", List.of(OWNER)))
                .post("/api/groups/" + group + "/participants").then().statusCode(200);
        world.api().get("/groups/" + group).then().statusCode(200)
                .body("participants.find { it.jid == '" + OWNER_JID + "' }.role", equalTo("member"));

        world.api().body(Map.of("remove", List.of(BIA))).post("/groups/" + group + "/participants").then().statusCode(403)
                .contentType("application/problem+json").body("type", org.hamcrest.Matchers.endsWith("not-a-group-admin"));
        world.api().body(Map.of("locked", true)).patch("/groups/" + group).then().statusCode(403);
        world.control().get("/api/groups/" + group).then().body("participants.number", hasItem(BIA));

        world.api().get("/groups/" + OWNER_JID).then().statusCode(400).contentType("application/problem+json");

        world.api().post("/groups/" + group + "/leave").then().statusCode(204);
        world.control().get("/api/groups/" + group).then().body("participants.number", not(hasItem(OWNER)));
    }
}
