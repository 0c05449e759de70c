using System.Net;
using System.Text.Json;

namespace Brigade.IoT.Tests;

/// <summary>Devices over the real broker: telemetry reaches the status, topic permissions hold, bad payloads are counted, commands are answered or time out.</summary>
[Collection(IoTCollection.Name)]
public sealed class MqttTests(IoTFactory factory)
{
    [Fact]
    public async Task A_reading_published_over_mqtt_reaches_the_device_status_in_the_device_list()
    {
        var r = TestRestaurant.New();
        var (id, mqtt) = await factory.DeviceAsync(r);
        mqtt.GetProperty("telemetryTopic").GetString().ShouldBe($"{factory.Prefix}/{r.Id}/{id}/telemetry");
        await using var device = await Device.ConnectAsync(mqtt);

        await device.PublishAsync(mqtt.GetProperty("telemetryTopic").GetString()!, """{"value": 3.5}""");

        JsonElement listed = default;
        await IoTFactory.EventuallyAsync(async () =>
        {
            listed = (await factory.GetAsync(r.Staff, "/api/iot/devices")).GetProperty("items").EnumerateArray().Single();
            return listed.GetProperty("status").GetProperty("lastValue").ValueKind == JsonValueKind.Number;
        }, "the reading in the device's status");
        listed.GetProperty("id").GetGuid().ShouldBe(id);
        listed.GetProperty("status").GetProperty("lastValue").GetDouble().ShouldBe(3.5);
        listed.GetProperty("status").GetProperty("online").GetBoolean().ShouldBeTrue();
        listed.GetProperty("status").GetProperty("alarmState").GetString().ShouldBe("ok");
        (await factory.CountAsync("SELECT count(*) FROM readings WHERE device_id = @id", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task A_device_cannot_publish_to_another_restaurants_topic_nor_connect_with_a_wrong_password()
    {
        var mine = TestRestaurant.New();
        var theirs = TestRestaurant.New();
        var (_, myMqtt) = await factory.DeviceAsync(mine);
        var (theirId, theirMqtt) = await factory.DeviceAsync(theirs);
        await using var device = await Device.ConnectAsync(myMqtt);

        // The broker refuses the publish (topic permission) and closes the connection.
        try
        {
            await device.PublishAsync(theirMqtt.GetProperty("telemetryTopic").GetString()!, """{"value": 40}""");
        }
        catch (Exception e) when (e is not ShouldAssertException)
        {
            // MQTT 3.1.1 has no refusal code: the broker drops the connection, which the pending publish sees.
        }

        await IoTFactory.EventuallyAsync(() => Task.FromResult(!device.IsConnected), "the broker to disconnect the trespassing device");

        // Their own device then reports; only its value is there.
        await using var theirDevice = await Device.ConnectAsync(theirMqtt);
        await theirDevice.PublishAsync(theirMqtt.GetProperty("telemetryTopic").GetString()!, """{"value": 2}""");
        await IoTFactory.EventuallyAsync(async () =>
            (await factory.DeviceStatusAsync(theirs, theirId)).GetProperty("status").GetProperty("lastValue").ValueKind == JsonValueKind.Number, "their reading");
        (await factory.CountAsync("SELECT count(*) FROM readings WHERE device_id = @theirId", new { theirId })).ShouldBe(1);
        (await factory.DeviceStatusAsync(theirs, theirId)).GetProperty("status").GetProperty("lastValue").GetDouble().ShouldBe(2);

        await Should.ThrowAsync<Exception>(() => Device.ConnectAsync(myMqtt, password: "not-the-password"));
    }

    [Fact]
    public async Task Bad_payloads_are_dropped_and_counted_on_the_device()
    {
        var r = TestRestaurant.New();
        var (id, mqtt) = await factory.DeviceAsync(r, kind: "freezer");
        var topic = mqtt.GetProperty("telemetryTopic").GetString()!;
        await using var device = await Device.ConnectAsync(mqtt);

        await device.PublishAsync(topic, "not json");
        await device.PublishAsync(topic, """{"value": "cold"}""");
        await device.PublishAsync(topic, """{"value": 9999}""");
        await device.PublishAsync(topic, """{"value": -18, "at": "1999-01-01T00:00:00Z"}""");
        await device.PublishAsync(topic, """{"value": -19}""");

        // One connection delivers in order and the service handles messages one at a time: the good one comes last.
        await IoTFactory.EventuallyAsync(async () =>
            (await factory.DeviceStatusAsync(r, id)).GetProperty("status").GetProperty("lastValue").ValueKind == JsonValueKind.Number, "the good reading");
        var status = await factory.DeviceStatusAsync(r, id);
        status.GetProperty("status").GetProperty("lastValue").GetDouble().ShouldBe(-19);
        status.GetProperty("droppedMessages").GetInt64().ShouldBe(4);
        (await factory.CountAsync("SELECT count(*) FROM readings WHERE device_id = @id", new { id })).ShouldBe(1);
    }

    [Fact]
    public async Task A_command_is_acknowledged_by_the_device_over_mqtt()
    {
        var r = TestRestaurant.New();
        var (id, mqtt) = await factory.DeviceAsync(r);
        await using var device = await Device.ConnectAsync(mqtt);
        await device.AnswerCommandsAsync(mqtt.GetProperty("commandsTopic").GetString()!, mqtt.GetProperty("ackTopic").GetString()!, ok: true);

        var command = await factory.PostAsync(r.Manager, r.Path($"devices/{id}/commands"), new { type = "set_point", value = 3 }, HttpStatusCode.Accepted);
        command.GetProperty("state").GetString().ShouldBe("sent");
        var commandId = command.GetProperty("id").GetGuid();

        JsonElement answered = default;
        await IoTFactory.EventuallyAsync(async () =>
        {
            answered = await factory.GetAsync(r.Staff, r.Path($"devices/{id}/commands/{commandId}"));
            return answered.GetProperty("state").GetString() != "sent";
        }, "the device's acknowledgement");
        answered.GetProperty("state").GetString().ShouldBe("acknowledged");
        answered.GetProperty("message").GetString().ShouldBe("done");
    }

    [Fact]
    public async Task A_command_nobody_answers_times_out_and_a_late_answer_does_not_undo_it()
    {
        var r = TestRestaurant.New();
        var (id, _) = await factory.DeviceAsync(r);

        var command = await factory.PostAsync(r.Manager, r.Path($"devices/{id}/commands"), new { type = "defrost" }, HttpStatusCode.Accepted);
        var commandId = command.GetProperty("id").GetGuid();

        await IoTFactory.EventuallyAsync(async () =>
            (await factory.GetAsync(r.Manager, r.Path($"devices/{id}/commands/{commandId}"))).GetProperty("state").GetString() == "timed_out", "the time-out");
        var store = factory.Services.GetRequiredService<Data.CommandStore>();
        (await store.AnswerAsync(r.Id, id, commandId, true, "late", DateTimeOffset.UtcNow, CancellationToken.None)).ShouldBeFalse();
        (await factory.GetAsync(r.Manager, r.Path($"devices/{id}/commands/{commandId}"))).GetProperty("state").GetString().ShouldBe("timed_out");
    }

    [Fact]
    public async Task A_removed_device_or_an_old_password_can_no_longer_connect()
    {
        var r = TestRestaurant.New();
        var (id, mqtt) = await factory.DeviceAsync(r);
        await (await Device.ConnectAsync(mqtt)).DisposeAsync();

        var rotated = await factory.PostAsync(r.Manager, r.Path($"devices/{id}/credentials"), null, HttpStatusCode.OK);
        await Should.ThrowAsync<Exception>(() => Device.ConnectAsync(mqtt));
        await (await Device.ConnectAsync(rotated)).DisposeAsync();

        await factory.SendAsync(r.Manager, HttpMethod.Delete, r.Path($"devices/{id}"), null, HttpStatusCode.NoContent);
        await Should.ThrowAsync<Exception>(() => Device.ConnectAsync(rotated));
        await factory.GetAsync(r.Manager, r.Path($"devices/{id}"), HttpStatusCode.NotFound);
    }
}
