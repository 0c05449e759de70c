namespace Brigade.Messaging;
